"""The summary of a self-evaluation: levels per criterion, the overall profile and the gaps."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from assessments.models import Assessment, Response
from assessments.selectors import summary_response_list


@dataclass
class Cell:
    response: Response
    css: str
    label: str


@dataclass
class CriterionRow:
    criterion: Any
    cells: list[Cell] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _css(response: Response, gap_levels: set[int]) -> str:
    if response.not_applicable:
        return "cell-na"
    if response.level is None:
        return "cell-unrated"
    return f"cell-level-{response.level}" + (" cell-gap" if response.level in gap_levels else "")


def build_summary(assessment: Assessment) -> dict[str, Any]:
    version = assessment.framework_version
    gap_levels = version.gap_levels
    levels = version.levels
    keys = [str(level.value) for level in levels] + ["na", "unrated"]
    rows: dict[int, CriterionRow] = {}
    overall = dict.fromkeys(keys, 0)
    gaps = []
    responses = list(summary_response_list(assessment=assessment))
    for r in responses:
        criterion = r.benchmark.criterion
        row = rows.setdefault(criterion.pk, CriterionRow(criterion, counts=dict.fromkeys(keys, 0)))
        level = version.level(r.level)
        confidence = version.confidence(r.confidence)
        if r.not_applicable:
            label, key = gettext("Not applicable"), "na"
        elif level is None:
            label = gettext("To review") if r.carried_forward else gettext("Not rated")
            key = "unrated"
        else:
            label, key = f"{level.value} {level.label}", str(level.value)
        if confidence:
            label += "; " + gettext("evidence confidence: %(confidence)s") % {
                "confidence": confidence.label.lower()
            }
        row.cells.append(Cell(r, _css(r, gap_levels), label))
        row.counts[key] += 1
        overall[key] += 1
        if version.is_gap(level=r.level, confidence=r.confidence, not_applicable=r.not_applicable):
            gaps.append({"response": r, "level": level, "confidence": confidence})
    total = len(responses) or 1
    profile = [
        {
            "key": key,
            "label": next((f"{o.value} {o.label}" for o in levels if str(o.value) == key), None)
            or {"na": gettext("Not applicable"), "unrated": gettext("Not rated yet")}[key],
            "count": overall[key],
            "percent": round(100 * overall[key] / total),
            "css": {"na": "cell-na", "unrated": "cell-unrated"}.get(key, f"cell-level-{key}"),
        }
        for key in keys
    ]
    offset = 0.0
    for part in profile:  # horizontal stacked bar, drawn as SVG (no inline styles under CSP)
        width = 100 * part["count"] / total
        part["x"], part["width"] = round(offset, 2), round(width, 2)
        offset += width
    return {
        "levels": levels,
        "rows": list(rows.values()),
        "max_benchmarks": max((len(row.cells) for row in rows.values()), default=0),
        "profile": profile,
        "gaps": gaps,
        "total": len(responses),
    }
