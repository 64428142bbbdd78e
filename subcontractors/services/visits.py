"""Monitoring visits: recording one with its findings, and raising actions from the findings."""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from actionplans.models import Action, Priority
from actionplans.services import action_create
from actionplans.signals import actions_handed_over
from frameworks.models import CriterionTopic
from frameworks.selectors import criterion_about
from subcontractors.models import (
    VISIT_FIELDS,
    MonitoringVisit,
    Rag,
    Subcontractor,
    VisitFinding,
)
from subcontractors.selectors import visit_findings_with_actions
from subcontractors.services.audit import save_as
from tenancy.services import require_assignable


@dataclass
class FindingChange:
    number: int | None  # None for a new finding
    text: str


def _sync_findings(visit: MonitoringVisit, findings: list[FindingChange], by) -> None:
    existing = {
        f.number: f
        for f in VisitFinding.objects.for_organisation(visit.organisation_id).filter(visit=visit)
    }
    with_actions = visit_findings_with_actions(visit)
    next_number = max(existing, default=0) + 1
    for change in findings:
        text = (change.text or "").strip()
        finding = existing.pop(change.number, None) if change.number else None
        if finding is None:
            if text:
                new = VisitFinding(
                    organisation_id=visit.organisation_id,
                    visit=visit,
                    number=next_number,
                    text=text,
                )
                save_as(new, by=by)
                next_number += 1
        elif not text:
            if finding.number in with_actions:
                raise ValidationError(
                    gettext(
                        "Finding %(number)s has an action in the action plan, so it cannot "
                        "be removed. Change its text instead."
                    )
                    % {"number": finding.number}
                )
            finding.delete()
        elif text != finding.text:
            finding.text = text
            save_as(finding, by=by)


@transaction.atomic
def visit_create(
    *, subcontractor: Subcontractor, by, findings: list[FindingChange], **fields
) -> MonitoringVisit:
    visit = MonitoringVisit(
        organisation=subcontractor.organisation, subcontractor=subcontractor, created_by=by
    )
    return _visit_save(visit, by=by, findings=findings, fields=fields)


@transaction.atomic
def visit_update(
    *, visit: MonitoringVisit, by, findings: list[FindingChange], **fields
) -> MonitoringVisit:
    return _visit_save(visit, by=by, findings=findings, fields=fields)


def _visit_save(visit: MonitoringVisit, *, by, findings, fields: dict) -> MonitoringVisit:
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown visit fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.summary = (visit.summary or "").strip()
    if visit.visitor is None:
        raise ValidationError({"visitor": gettext("Choose who made the visit.")})
    require_assignable(organisation=visit.organisation, user=visit.visitor, field="visitor")
    visit.full_clean()
    save_as(visit, by=by)
    _sync_findings(visit, findings, by)
    return visit


PRIORITY_FOR_RAG: dict[str, str] = {
    Rag.RED: Priority.HIGH,
    Rag.AMBER: Priority.MEDIUM,
    Rag.GREEN: Priority.LOW,
}


def _action_title(visit: MonitoringVisit, text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    title = f"{visit.subcontractor.name}: {first}"
    return title if len(title) <= 200 else title[:199].rstrip() + "…"


def _action_description(visit: MonitoringVisit, finding: VisitFinding) -> str:
    visit_url = f"{settings.SITE_URL}{visit.get_absolute_url()}"
    return (
        f"{finding.text}\n\nFrom finding {finding.number} of the "
        f"{visit.get_visit_type_display().lower()} to {visit.subcontractor.name} on "
        f"{visit.visit_date.day} {visit.visit_date:%B %Y}. See the visit: {visit_url}"
    )


@transaction.atomic
def visit_raise_actions(
    *, visit: MonitoringVisit, by, numbers: list[int], owner, due_date: date
) -> list[Action]:
    """One action per chosen finding, in the action plan. Idempotent: a finding that already
    has its action (source key `visit:<code>:<n>`) is skipped."""
    organisation = visit.organisation
    findings = list(
        VisitFinding.objects.for_organisation(organisation).filter(visit=visit, number__in=numbers)
    )
    if not findings:
        raise ValidationError({"findings": gettext("Tick the findings that need an action.")})
    keys = [visit.action_source_key(f.number) for f in findings]
    existing = set(
        Action.objects.for_organisation(organisation)
        .filter(source_key__in=keys)
        .values_list("source_key", flat=True)
    )
    criterion = criterion_about(organisation=organisation, topic=CriterionTopic.SUBCONTRACTORS)
    created = []
    for finding in findings:
        key = visit.action_source_key(finding.number)
        if key in existing:
            continue
        try:
            with transaction.atomic():
                created.append(
                    action_create(
                        organisation=organisation,
                        title=_action_title(visit, finding.text),
                        description=_action_description(visit, finding),
                        owner=owner,
                        due_date=due_date,
                        priority=PRIORITY_FOR_RAG.get(visit.overall_rag, Priority.MEDIUM),
                        criterion=criterion,
                        by=by,
                        source_key=key,
                    )
                )
        except IntegrityError:
            continue  # raised a moment ago by someone else
    if created:  # one message for the batch (reminders.handoffs)
        actions_handed_over.send(
            sender=Action, actions=created, by=by, reason="visit", origin=visit
        )
    return created
