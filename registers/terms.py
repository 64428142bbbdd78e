"""Academic terms, for the termly sample: autumn (Sep-Dec), spring (Jan-Mar), summer (Apr-Aug)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# Each term's label and the short form a chart's axis takes, by `Term.name` (kept in English).
LABELS = {
    "Autumn": (gettext_noop("Autumn term %(years)s"), gettext_noop("Aut %(years)s")),
    "Spring": (gettext_noop("Spring term %(years)s"), gettext_noop("Spr %(years)s")),
    "Summer": (gettext_noop("Summer term %(years)s"), gettext_noop("Sum %(years)s")),
}


@dataclass(frozen=True)
class Term:
    start: date
    end: date
    name: str

    @property
    def _first_year(self) -> int:
        return self.start.year if self.start.month >= 9 else self.start.year - 1

    @property
    def label(self) -> str:
        """ "Autumn term 2025/26", in the active language."""
        year = self._first_year
        years = f"{year}/{str(year + 1)[-2:]}"
        return gettext(LABELS[self.name][0]) % {"years": years}

    @property
    def short_label(self) -> str:
        """ "Aut 25/26", for a chart's axis."""
        year = self._first_year
        years = f"{str(year)[-2:]}/{str(year + 1)[-2:]}"
        return gettext(LABELS[self.name][1]) % {"years": years}

    @property
    def source_label(self) -> str:
        """The label in English, whatever language is active (what a record stores)."""
        with translation.override(None):
            return self.label


def term_of(day: date) -> Term:
    if day.month >= 9:
        return Term(date(day.year, 9, 1), date(day.year, 12, 31), "Autumn")
    if day.month <= 3:
        return Term(date(day.year, 1, 1), date(day.year, 3, 31), "Spring")
    return Term(date(day.year, 4, 1), date(day.year, 8, 31), "Summer")


def previous_term(term: Term) -> Term:
    return term_of(term.start - timedelta(days=1))
