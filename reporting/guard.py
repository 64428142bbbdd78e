"""All the free text an evidence pack would print, as places for the personal-data guard.

Read before a pack is requested: the narratives (from the sign-off snapshot when approved, else
live), the titles of linked evidence, the self-evaluation's own actions, the review history's
comments and the approval comment. A few queries, however many benchmarks.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from assessments.guard import snapshot_places
from assessments.models import Assessment, ReviewEvent, Status
from assessments.services import assessment_snapshot
from reporting.packs import _own_actions
from tenancy.personal_data import Place


def _action_places(assessment: Assessment) -> list[Place]:
    slug = assessment.organisation.slug
    return [
        Place(
            field=f"action-{action.code}-title",
            label=gettext("Action “%(title)s” · title") % {"title": action.title[:60]},
            text=action.title,
            url=reverse("actionplans:edit", kwargs={"org_slug": slug, "action_code": action.code}),
        )
        for action in _own_actions(assessment)
    ]


def _evidence_places(assessment: Assessment, responses: list[dict]) -> list[Place]:
    slug = assessment.organisation.slug
    seen: dict[str, Place] = {}
    for row in responses:
        for item in row.get("evidence", []):
            seen.setdefault(
                item["code"],
                Place(
                    field=f"evidence-{item['code']}-title",
                    label=gettext("Evidence “%(title)s” · title") % {"title": item["title"][:60]},
                    text=item["title"],
                    url=reverse(
                        "evidence:detail", kwargs={"org_slug": slug, "evidence_code": item["code"]}
                    ),
                ),
            )
    return list(seen.values())


def _comment_places(assessment: Assessment, data: dict[str, Any]) -> list[Place]:
    places = [
        Place(
            field=f"event-{event.pk}-comment",
            label=gettext("Review history · comment"),
            text=event.comment,
        )
        for event in ReviewEvent.objects.filter(assessment=assessment).exclude(comment="")
    ]
    approval = (data.get("approval") or {}).get("comment") or ""
    if approval:
        places.append(
            Place(field="approval-comment", label=gettext("Sign-off comment"), text=approval)
        )
    return places


def pack_places(assessment: Assessment) -> list[Place]:
    """Every piece of free text the pack for `assessment` would print."""
    data: dict[str, Any]
    if assessment.status == Status.APPROVED and assessment.snapshot:
        data = assessment.snapshot
    else:
        data = assessment_snapshot(assessment)
    responses = data["responses"]
    return [
        *snapshot_places(assessment, responses),
        *_evidence_places(assessment, responses),
        *_action_places(assessment),
        *_comment_places(assessment, data),
    ]
