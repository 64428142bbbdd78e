"""Changes to the external speaker and event log and its termly samples."""

import math
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from registers.models import (
    APPROVED_STATUSES,
    UNDECIDED_STATUSES,
    Condition,
    EventSample,
    EventSampleItem,
    EventStatus,
    ExternalEvent,
    Finding,
    speaker_key,
)
from registers.services.common import save_with_history
from registers.terms import Term
from tenancy.models import Organisation

REQUEST_FIELDS = (
    "title",
    "speaker_name",
    "speaker_organisation",
    "topic",
    "event_date",
    "format",
    "venue",
    "audience",
    "expected_numbers",
)


@transaction.atomic
def event_request(*, organisation: Organisation, by, **fields) -> ExternalEvent:
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Not request fields: {sorted(unknown)}")
    event = ExternalEvent(organisation=organisation, requested_by=by, **fields)
    event.speaker_key = speaker_key(event.speaker_name)
    save_with_history(event, by, exclude=["conditions"])
    return event


@dataclass
class Checks:
    open_source: bool
    references: bool
    previous_events: bool
    notes: str
    risk_level: str
    conditions: list[str] = field(default_factory=list)
    other_conditions: str = ""


def _locked(event: ExternalEvent) -> ExternalEvent:
    return ExternalEvent.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def event_record_checks(*, event: ExternalEvent, by, checks: Checks) -> ExternalEvent:
    event = _locked(event)
    if event.status not in UNDECIDED_STATUSES:
        raise ValidationError(gettext("A decision has been made; the checks can no longer change."))
    if not (checks.open_source or checks.references or checks.previous_events):
        raise ValidationError({"open_source": gettext("Record at least one check that was made.")})
    if not checks.notes.strip():
        raise ValidationError({"notes": gettext("Say what the checks found.")})
    if set(checks.conditions) - set(Condition.values):
        raise ValidationError({"conditions": gettext("Choose conditions from the list.")})
    event.checked_open_source = checks.open_source
    event.checked_references = checks.references
    event.checked_previous_events = checks.previous_events
    event.check_notes = checks.notes.strip()
    event.risk_level = checks.risk_level
    event.conditions = list(dict.fromkeys(checks.conditions))
    event.other_conditions = checks.other_conditions.strip()
    event.checked_by = by
    event.checked_at = timezone.now()
    event.status = EventStatus.CHECKED
    save_with_history(event, by)
    return event


@transaction.atomic
def event_decide(*, event: ExternalEvent, by, decision: str, reasons: str) -> ExternalEvent:
    """Approve, approve with the recorded conditions, or refuse with reasons. Once only."""
    event = _locked(event)
    decision = EventStatus(decision)
    if decision in UNDECIDED_STATUSES:
        raise ValidationError(
            {"decision": gettext("Choose approve, approve with conditions or refuse.")}
        )
    if event.status == EventStatus.REQUESTED:
        raise ValidationError(gettext("Record the checks before deciding."))
    if event.status != EventStatus.CHECKED:
        raise ValidationError(
            gettext("This request was already decided: %(status)s.")
            % {"status": event.get_status_display()}
        )
    if decision == EventStatus.APPROVED_WITH_CONDITIONS and not event.condition_labels:
        raise ValidationError(
            {"decision": gettext("No conditions were recorded with the checks; approve or refuse.")}
        )
    if decision == EventStatus.REFUSED and not reasons.strip():
        raise ValidationError({"reasons": gettext("Give the reasons for refusing.")})
    event.status = decision
    event.decision_reasons = reasons.strip()
    event.decided_by = by
    event.decided_at = timezone.now()
    save_with_history(event, by)
    return event


@transaction.atomic
def event_record_outcome(
    *, event: ExternalEvent, by, note: str, concern_raised: bool
) -> ExternalEvent:
    event = _locked(event)
    if event.status not in APPROVED_STATUSES:
        raise ValidationError(gettext("Only an approved event has an outcome to record."))
    if event.event_date > timezone.localdate():
        raise ValidationError(gettext("The event has not happened yet."))
    if not note.strip():
        raise ValidationError(
            {"note": gettext("Say how it went, and whether the conditions were met.")}
        )
    event.outcome_note = note.strip()
    event.concern_raised = concern_raised
    event.outcome_by = by
    event.outcome_at = timezone.now()
    save_with_history(event, by)
    return event


def sample_size(population: int) -> int:
    """At least five (or all of them), or a tenth of a larger term's events."""
    return min(population, max(5, math.ceil(population / 10)))


def sample_draw(*, organisation: Organisation, by, term: Term) -> EventSample:
    """Draw the term's random sample of approved events that have taken place."""
    today = timezone.localdate()
    if term.start > today:
        raise ValidationError({"term": gettext("That term has not started yet.")})
    ids = list(
        ExternalEvent.objects.for_organisation(organisation)
        .filter(
            status__in=APPROVED_STATUSES,
            event_date__gte=term.start,
            event_date__lte=min(term.end, today),
        )
        .values_list("pk", flat=True)
    )
    if not ids:
        raise ValidationError(
            {
                "term": gettext("No approved event has taken place in %(term)s yet.")
                % {"term": term.label}
            }
        )
    chosen = secrets.SystemRandom().sample(ids, sample_size(len(ids)))
    try:
        with transaction.atomic():
            sample = EventSample(
                organisation=organisation,
                term_label=term.source_label,
                term_start=term.start,
                term_end=term.end,
                drawn_by=by,
                population=len(ids),
            )
            sample._history_user = by
            sample.save()
            EventSampleItem.objects.bulk_create(
                EventSampleItem(organisation=organisation, sample=sample, event_id=pk)
                for pk in sorted(chosen)
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"term": gettext("The sample for %(term)s is already drawn.") % {"term": term.label}}
        ) from exc
    return sample


@transaction.atomic
def sample_item_verify(
    *, item: EventSampleItem, by, finding: str, note: str, summary: str = ""
) -> EventSampleItem:
    """A leader's finding on one sampled event; the sample completes with its last finding."""
    item = EventSampleItem.objects.select_for_update().get(pk=item.pk)
    item.finding = Finding(finding)
    item.note = note.strip()
    item.verified_by = by
    item.verified_at = timezone.now()
    save_with_history(item, by)
    sample = EventSample.objects.select_for_update().get(pk=item.sample_id)
    if summary.strip():
        sample.summary = summary.strip()
    if not sample.items.filter(finding="").exists() and sample.completed_at is None:
        sample.completed_at = timezone.now()
    save_with_history(sample, by)
    return item
