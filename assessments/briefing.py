"""The inspection briefing: the provider's own self-judgement for each Ofsted report-card area,
with the benchmarks and evidence behind it. Safeguarding (where Prevent sits) is met / not met;
the other areas take the five-point report-card scale. These are never Ofsted's judgements.

`briefing_areas` builds the briefing from snapshot-shaped data (`assessment_snapshot`), so the
page and the pack print the same thing, and an approved pack prints what was signed off.
"""

from typing import Any

from assessments.models import AreaGrade, Assessment, SafeguardingJudgement, SelfJudgement
from frameworks.models import FrameworkVersion

#: For framework versions whose file names no report-card areas: Prevent sits under safeguarding.
DEFAULT_AREAS = [{"key": "safeguarding", "title": "Safeguarding (met or not met)", "scale": "met"}]


def areas_of(version: FrameworkVersion) -> list[dict]:
    return version.shown_report_card_areas or DEFAULT_AREAS


def grade_choices(area: dict) -> list[tuple[str, str]]:
    scale = SafeguardingJudgement if area.get("scale") == "met" else AreaGrade
    return list(scale.choices)


def judgements_as_data(assessment: Assessment) -> dict[str, dict[str, str]]:
    return {
        j.area: {"grade": j.grade, "reasons": j.reasons}
        for j in SelfJudgement.objects.filter(assessment=assessment)
    }


def _informs(version: FrameworkVersion) -> dict[str, list[str]]:
    """Report-card area key -> benchmark codes informing it (every benchmark: safeguarding,
    for versions without areas)."""
    informs: dict[str, list[str]] = {}
    for code, report_card in version.benchmarks.values_list("code", "report_card"):
        for key in report_card or ["safeguarding"]:
            informs.setdefault(key, []).append(code)
    return informs


def briefing_areas(
    version: FrameworkVersion, data: dict[str, Any], judgements: dict[str, dict]
) -> list[dict]:
    """One entry per report-card area: the self-judgement and the benchmarks behind it."""
    levels = {o.value: o.label for o in version.levels}
    rag = {o.value: o.label for o in version.confidence_options}
    by_code = {r["benchmark"]: r for r in data["responses"]}
    informs = _informs(version)
    result = []
    for area in areas_of(version):
        judgement = judgements.get(area["key"], {})
        choices = dict(grade_choices(area))
        rows = []
        for code in informs.get(area["key"], []):
            r = by_code.get(code)
            if r is None:
                continue
            rows.append(
                {
                    "code": code,
                    "statement": r["statement"],
                    "not_applicable": r["not_applicable"],
                    "level": r["level"],
                    "level_label": levels.get(r["level"]),
                    "rag_label": rag.get(r["confidence"] or ""),
                    "evidence": [e["title"] for e in r["evidence"]],
                    "restricted": r.get("restricted_evidence", 0),
                }
            )
        rated = [row for row in rows if row["level"]]
        result.append(
            {
                "area": area,
                "grade": judgement.get("grade", ""),
                "grade_label": choices.get(judgement.get("grade", ""), ""),
                "reasons": judgement.get("reasons", ""),
                "choices": list(choices.items()),
                "benchmarks": rows,
                "gaps": sum(1 for row in rated if row["level"] in version.gap_levels),
                "rated": len(rated),
                "evidence_count": len({t for row in rows for t in row["evidence"]}),
            }
        )
    return result
