"""Reads of the referral figures, taking `organisation=`.

`figures_list` and `exact_totals` are for the DSL's page only. Everything else reads
`public_trend`, which carries the figures already suppressed (`referrals.suppression`): the
exact counts never leave this module for a page other than the DSL's.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet, Sum

from referrals.models import MEASURES, Site, TermFigures
from referrals.rules import recent_terms
from referrals.suppression import chart_value, rule, shown
from registers.terms import Term, term_of
from tenancy.models import Organisation

TREND_TERMS = 6


def site_list(*, organisation: Organisation) -> QuerySet[Site]:
    return Site.objects.for_organisation(organisation).order_by("name", "pk")


def figures_list(*, organisation: Organisation) -> QuerySet[TermFigures]:
    """Every row, newest term first (the DSL's page; paginate it)."""
    return (
        TermFigures.objects.for_organisation(organisation)
        .select_related("site", "recorded_by")
        .order_by("-term_start", "site__name", "pk")
    )


def exact_totals(*, organisation: Organisation, terms: list[Term]) -> dict[date, dict[str, int]]:
    """Each term's counts summed over its rows (one query); terms with no row are missing."""
    rows = (
        TermFigures.objects.for_organisation(organisation)
        .filter(term_start__in=[t.start for t in terms])
        .order_by()
        .values("term_start")
        .annotate(rows=Count("pk"), **{m.field: Sum(m.field) for m in MEASURES})
    )
    return {r["term_start"]: {m.field: r[m.field] for m in MEASURES} for r in rows}


@dataclass(frozen=True)
class Cell:
    label: str
    text: str  # suppressed: "0", "fewer than 5", "7" or "not recorded"
    chart: int | None  # the value a chart may draw to scale, None when suppressed


@dataclass(frozen=True)
class TrendTerm:
    label: str
    short: str  # "Aut 25/26", for a chart's axis
    recorded: bool
    in_progress: bool
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class PublicTrend:
    terms: tuple[TrendTerm, ...]  # oldest first
    last_term: Term
    last_term_recorded: bool
    recorded_of_last_three: int  # of the three completed terms before this one

    @property
    def any_recorded(self) -> bool:
        return any(t.recorded for t in self.terms)

    @property
    def rule(self) -> str:
        return rule()

    @property
    def measure_labels(self) -> list[str]:
        return [str(m.label) for m in MEASURES]


def public_trend(*, organisation: Organisation, today: date) -> PublicTrend:
    """The last TREND_TERMS terms (this one included), every figure suppressed. One query."""
    terms = recent_terms(today, TREND_TERMS)
    totals = exact_totals(organisation=organisation, terms=terms)
    current = term_of(today)
    rows = []
    for term in reversed(terms):
        counts = totals.get(term.start)
        cells = tuple(
            Cell(
                str(m.label),
                shown(counts[m.field] if counts else None),
                chart_value(counts[m.field]) if counts else None,
            )
            for m in MEASURES
        )
        rows.append(
            TrendTerm(term.label, term.short_label, counts is not None, term == current, cells)
        )
    completed = terms[1:4]
    return PublicTrend(
        terms=tuple(rows),
        last_term=terms[1],
        last_term_recorded=terms[1].start in totals,
        recorded_of_last_three=sum(1 for t in completed if t.start in totals),
    )
