"""The dashboard's self-evaluation panel: levels per criterion, evidence confidence (RAG), gaps
and the trend across cycles, by the summary page's own rules (`assessments.summary`)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, Response
from assessments.summary import build_summary
from reporting import charts
from reporting.figures import Figure, org_url
from reporting.packs import trend_across_cycles

GAPS_SHOWN = 8  # the full list is on the summary page
RAG_LABELS = {"green": _("Green"), "amber": _("Amber"), "red": _("Red")}


@dataclass
class CriterionReadiness:
    criterion: Any
    counts: dict[str, int]  # level value (as text), "na", "unrated" -> benchmarks
    gaps: int


@dataclass
class Readiness:
    """Levels per criterion, evidence confidence and gaps of one self-evaluation."""

    assessment: Assessment
    answered: int
    total: int
    levels: list
    profile: list[dict]
    rows: list[CriterionReadiness]
    rag: list[Figure]
    gaps: list[dict]
    summary_url: str
    heatmap: SafeString
    rag_chart: SafeString
    trend: list[tuple[str, float, str]]
    trend_chart: SafeString

    @property
    def gaps_url(self) -> str:
        return f"{self.summary_url}#gaps-heading"

    @property
    def gaps_shown(self) -> list[dict]:
        return self.gaps[:GAPS_SHOWN]

    @property
    def percent_answered(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def _level_fill(response: Response) -> str:
    if response.not_applicable:
        return charts.NA_COLOUR
    if response.level is None:
        return charts.UNRATED_COLOUR
    return charts.LEVEL_COLOURS.get(response.level, charts.UNRATED_COLOUR)


@dataclass
class _Tally:
    """One pass over the summary's rows: what the panel counts and what the heatmap draws."""

    rows: list[CriterionReadiness]
    heatmap_rows: list[tuple[str, list[tuple[str, str]]]]
    answered: int
    rag: dict[str, int]  # confidence value or "none" -> benchmarks that apply


def _tally(summary: dict) -> _Tally:
    tally = _Tally([], [], 0, dict.fromkeys([*RAG_LABELS, "none"], 0))
    gaps_by_criterion: dict[int, int] = defaultdict(int)
    for gap in summary["gaps"]:
        gaps_by_criterion[gap["response"].benchmark.criterion_id] += 1
    for row in summary["rows"]:
        cells = []
        for cell in row.cells:
            response = cell.response
            tally.answered += response.is_answered
            if not response.not_applicable:
                confidence = response.confidence if response.confidence in RAG_LABELS else "none"
                tally.rag[confidence] += 1
            cells.append((f"{response.benchmark.code}: {cell.label}", _level_fill(response)))
        tally.heatmap_rows.append((row.criterion.code, cells))
        tally.rows.append(
            CriterionReadiness(row.criterion, row.counts, gaps_by_criterion[row.criterion.pk])
        )
    return tally


def _rag_figures(assessment: Assessment, rag: dict[str, int], summary_url: str) -> list[Figure]:
    """Green, amber, red (with the framework's meaning of each) and "not assessed yet"."""
    meanings = {o.value: o.label.lower() for o in assessment.framework_version.confidence_options}
    heatmap = f"{summary_url}#heatmap-heading"
    return [
        Figure(
            key,
            gettext("%(rag)s (%(meaning)s)") % {"rag": label, "meaning": meanings[key]}
            if key in meanings
            else str(label),
            rag[key],
            heatmap,
        )
        for key, label in RAG_LABELS.items()
    ] + [Figure("none", gettext("Not assessed yet"), rag["none"], heatmap)]


def _rag_chart(figures: list[Figure]) -> SafeString:
    colours = {**charts.RAG_COLOURS, "none": charts.UNRATED_COLOUR}
    return charts.svg(
        charts.stacked_bar(
            [charts.Segment(f.label, f.count, colours[f.key]) for f in figures],
            gettext("Evidence confidence (RAG) of the benchmarks that apply"),
            width=400,
            height=28,
            css_class="chart chart-wide",
        )
    )


def _trend_chart(assessment: Assessment, trend: list[tuple[str, float, str]]) -> SafeString:
    levels = assessment.framework_version.levels
    gap_levels = ", ".join(o.label.lower() for o in levels if o.gap) or gettext("a gap level")
    title = gettext("Rated benchmarks not at a gap level (%(levels)s), by cycle") % {
        "levels": gap_levels
    }
    return charts.svg(charts.bars(trend, title, "%", width=0))


def readiness(*, assessment: Assessment) -> Readiness:
    """The summary page's figures for the dashboard (the same rules decide what a gap is)."""
    summary = build_summary(assessment)
    tally = _tally(summary)
    summary_url = org_url(
        "assessments:summary", assessment.organisation, assessment_code=assessment.code
    )
    rag = _rag_figures(assessment, tally.rag, summary_url)
    heatmap_title = gettext("Level of each benchmark by criterion in %(title)s") % {
        "title": assessment.title
    }
    trend = trend_across_cycles(assessment)
    return Readiness(
        assessment=assessment,
        answered=tally.answered,
        total=summary["total"],
        levels=summary["levels"],
        profile=summary["profile"],
        rows=tally.rows,
        rag=rag,
        gaps=summary["gaps"],
        summary_url=summary_url,
        heatmap=charts.svg(charts.heatmap(tally.heatmap_rows, heatmap_title)),
        rag_chart=_rag_chart(rag),
        trend=trend,
        trend_chart=_trend_chart(assessment, trend),
    )
