"""A self-evaluation's narratives as places for the personal-data guard (`tenancy.personal_data`).

Read before it is submitted (the live responses) and before its evidence pack is generated (the
narratives the pack prints); each place links to the benchmark on the respond page.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.urls import reverse

from assessments.models import Assessment, Response
from tenancy.personal_data import Place

NARRATIVES = (
    ("strengths", "what we do well"),
    ("improvements", "areas for improvement"),
    ("na_justification", "why it does not apply"),
)


def _respond_url(assessment: Assessment) -> str:
    return reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def response_places(assessment: Assessment, responses: Iterable[Response]) -> list[Place]:
    """Each live response's narratives, linked to the response on the respond page."""
    url = _respond_url(assessment)
    return [
        Place(
            field=f"response-{response.code}-{name}",
            label=f"{response.benchmark.code} · {label}",
            text=getattr(response, name) or "",
            url=f"{url}?criterion={response.benchmark.criterion.code}#response-{response.code}",
        )
        for response in responses
        for name, label in NARRATIVES
        if getattr(response, name)
    ]


def snapshot_places(assessment: Assessment, responses: Iterable[Mapping[str, Any]]) -> list[Place]:
    """The narratives of a snapshot's responses (what a pack prints), linked to each criterion."""
    url = _respond_url(assessment)
    return [
        Place(
            field=f"benchmark-{row['benchmark']}-{name}",
            label=f"{row['benchmark']} · {label}",
            text=row.get(name) or "",
            url=f"{url}?criterion={row['criterion']}",
        )
        for row in responses
        for name, label in NARRATIVES
        if row.get(name)
    ]
