"""From gaps to actions: every benchmark at a gap level or resting on red/amber evidence is
offered as a suggested action. The title is the framework's own suggested action for that
benchmark (or, for older framework files without one, the first sentence of the provider's
"areas for improvement"); the due date follows the urgency the framework gives the level and
the RAG rating (for example four weeks for level 4 or red)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from actionplans.models import Action, Priority
from actionplans.services import action_create
from actionplans.signals import actions_handed_over
from assessments.models import Assessment, Response

#: Used when the framework file gives no `due_days` for the level or RAG rating.
DEFAULT_DAYS_TO_ACT = 90


def gap_source_key(response: Response) -> str:
    return f"gap:{response.code}"


@dataclass
class Suggestion:
    response: Response
    title: str
    description: str
    priority: str
    due_date: date
    existing: Action | None

    @property
    def key(self) -> str:
        return gap_source_key(self.response)


def _first_sentence(text: str, limit: int = 150) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _title(benchmark, improvement: str) -> str:
    if benchmark.suggested_actions:
        return _first_sentence(benchmark.suggested_actions[0], limit=190)
    return _first_sentence(improvement) if improvement else f"Strengthen {benchmark.code}"


def gap_suggestions(assessment: Assessment) -> list[Suggestion]:
    version = assessment.framework_version
    responses = (
        assessment.responses.select_related("benchmark__criterion")
        .filter(not_applicable=False)
        .order_by("benchmark__criterion__position", "benchmark__position")
    )
    existing = {
        a.source_key: a
        for a in Action.objects.filter(source_key__startswith="gap:").select_related("owner")
    }
    today = timezone.localdate()
    level_days = {o.value: o.due_days for o in version.levels if o.gap}
    rag_days = {o.value: o.due_days for o in version.confidence_options if o.gap}
    suggestions = []
    for r in responses:
        if not version.is_gap(
            level=r.level, confidence=r.confidence, not_applicable=r.not_applicable
        ):
            continue
        improvement = r.improvements.strip()
        high = version.is_urgent_gap(level=r.level, confidence=r.confidence)
        days = [d for d in (level_days.get(r.level), rag_days.get(r.confidence)) if d]
        suggestions.append(
            Suggestion(
                response=r,
                title=f"{r.benchmark.code}: {_title(r.benchmark, improvement)}",
                description=improvement or r.benchmark.text,
                priority=Priority.HIGH if high else Priority.MEDIUM,
                due_date=today + timedelta(days=min(days, default=DEFAULT_DAYS_TO_ACT)),
                existing=existing.get(gap_source_key(r)),
            )
        )
    return suggestions


def default_owner(suggestion: Suggestion, assignments: dict, assessment: Assessment, members, user):
    """Who is asked to own a gap's action: the criterion's assignee, else the self-evaluation's
    lead, else the person turning gaps into actions (whoever of them can be given work)."""
    assignment = assignments.get(suggestion.response.benchmark.criterion_id)
    for candidate in (
        assignment.assignee_id if assignment else None,
        assessment.lead_id,
        user.pk,
    ):
        if candidate in members:
            return candidate
    return None


@transaction.atomic
def actions_from_gaps(*, assessment: Assessment, chosen: list[dict], by) -> list[Action]:
    """Create the confirmed suggestions; a gap that already has its action is skipped."""
    created = []
    keys = [gap_source_key(item["response"]) for item in chosen]
    # The same page sent twice at once (a double click, two tabs) queues on the assessment's
    # row, so the second request sees the first one's actions and skips them.
    organisation_id = assessment.organisation_id
    assessments = Assessment.objects.for_organisation(organisation_id)
    assessments.select_for_update().filter(pk=assessment.pk).values_list("pk").get()
    existing = set(
        Action.objects.for_organisation(organisation_id)
        .filter(source_key__in=keys)
        .values_list("source_key", flat=True)
    )
    for item in chosen:
        response: Response = item["response"]
        if response.assessment_id != assessment.pk or gap_source_key(response) in existing:
            continue
        existing.add(gap_source_key(response))  # the same gap chosen twice in one call
        try:
            with transaction.atomic():
                created.append(
                    action_create(
                        organisation=assessment.organisation,
                        title=item["title"],
                        description=item.get("description", ""),
                        owner=item["owner"],
                        due_date=item["due_date"],
                        priority=item["priority"],
                        benchmark=response.benchmark,
                        response=response,
                        by=by,
                        source_key=gap_source_key(response),
                    )
                )
        except IntegrityError:
            continue  # raised another way a moment ago
    if created:  # one message per owner for the batch (reminders.handoffs)
        actions_handed_over.send(
            sender=Action, actions=created, by=by, reason="gaps", origin=assessment
        )
    return created
