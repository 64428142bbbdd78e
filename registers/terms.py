"""Academic terms, for the termly sample: autumn (Sep-Dec), spring (Jan-Mar), summer (Apr-Aug)."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Term:
    start: date
    end: date
    name: str

    @property
    def label(self) -> str:
        year = self.start.year if self.start.month >= 9 else self.start.year - 1
        return f"{self.name} term {year}/{str(year + 1)[-2:]}"


def term_of(day: date) -> Term:
    if day.month >= 9:
        return Term(date(day.year, 9, 1), date(day.year, 12, 31), "Autumn")
    if day.month <= 3:
        return Term(date(day.year, 1, 1), date(day.year, 3, 31), "Spring")
    return Term(date(day.year, 4, 1), date(day.year, 8, 31), "Summer")


def previous_term(term: Term) -> Term:
    return term_of(term.start - timedelta(days=1))
