"""What a sign-off covers, as plain data, and its hash: the record an inspector can check later."""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.utils import translation

from assessments.briefing import judgements_as_data
from assessments.models import Assessment
from frameworks.register_signals import registers_for

__all__ = ["assessment_snapshot", "snapshot_hash"]


def assessment_snapshot(assessment: Assessment) -> dict[str, Any]:
    """Everything the sign-off covers, as plain data (levels, narratives, evidence list).

    Always in English, the framework's own text, whatever the language of the person signing
    off: the record and its hash must not depend on who made it (a pack shows it in Welsh)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot(assessment)


def _snapshot(assessment: Assessment) -> dict[str, Any]:
    version = assessment.framework_version
    responses = (
        assessment.responses.select_related("benchmark__criterion")
        .prefetch_related("evidence__owner")
        .order_by("benchmark__criterion__position", "benchmark__position")
    )
    return {
        "assessment": {
            "code": str(assessment.code),
            "title": assessment.title,
            "revision": assessment.revision,
            "organisation": assessment.organisation.name,
            "ukprn": assessment.organisation.ukprn,
        },
        "framework": {
            "id": version.framework.slug,
            "version": version.version,
            "title": version.title,
            "source_sha256": version.source_sha256,
        },
        "self_judgements": judgements_as_data(assessment),
        "responses": [
            {
                "criterion": r.benchmark.criterion.code,
                "benchmark": r.benchmark.code,
                "statement": r.benchmark.text,
                "level": r.level,
                "level_label": version.level(r.level).label if r.level else None,
                "confidence": r.confidence or None,
                "not_applicable": r.not_applicable,
                "na_justification": r.na_justification,
                "strengths": r.strengths,
                "improvements": r.improvements,
                "evidence": [
                    {
                        "code": str(e.code),
                        "title": e.title,
                        "effective_date": e.effective_date.isoformat(),
                        "valid_until": e.valid_until.isoformat() if e.valid_until else None,
                        "owner": e.owner.display_name if e.owner else None,
                        "sha256": e.sha256 or None,
                        "url": e.url or None,
                    }
                    for e in sorted(r.evidence.all(), key=lambda e: e.title)
                    if not e.is_restricted
                ],
                # Counted, never named (assessments.restricted).
                "restricted_evidence": sum(1 for e in r.evidence.all() if e.is_restricted),
                "registers_cited": [
                    {"key": reg.key, "title": reg.title} for reg in registers_for(r.registers_cited)
                ],
            }
            for r in responses
        ],
    }


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
