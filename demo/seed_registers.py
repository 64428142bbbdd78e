"""Demo Prevent registers: a risk register and a speaker and event log for each provider.

Riverside College (a general FE college) keeps a full register across every area of the DfE
template, reviewed this term (one review after an incident), and a busy event log with a
refused speaker who asks again. Northfield Training (an ITP delivering apprenticeships) keeps
a smaller register, last reviewed 14 months ago, with two high risks that have no further
action yet and no risk recorded for premises or welfare: the signals on its respond page say so.

The risks, speakers and events are data in `demo.register_specs`. Dates are relative to today.
Idempotent: a provider that already has risks is left alone.
"""

from datetime import date, timedelta

from django.utils import timezone

from demo.helpers import backdate, person
from demo.register_specs import (
    COLLEGE_RISKS,
    ITP_RISKS,
    REFUSED_CHECK_NOTES,
    REFUSED_REASONS,
    REFUSED_REQUEST,
    REPEAT_CONDITIONS,
    REPEAT_REQUEST,
    SPEAKERS,
    UNCHECKED_REQUEST,
    UPCOMING_REQUEST,
    RiskSpec,
)
from registers.models import (
    EventSample,
    EventSampleItem,
    EventStatus,
    ExternalEvent,
    Finding,
    Risk,
)
from registers.services import (
    event_decide,
    event_record_checks,
    event_record_outcome,
    event_request,
    risk_create,
    risk_raise_action,
    risk_review,
    sample_item_verify,
)
from registers.services.events import Checks
from registers.services.risks import ReviewEntry
from registers.terms import Term, previous_term, term_of
from tenancy.models import Organisation
from tenancy.scope import tenant_scope


def _risks(
    organisation: Organisation, rows: list[RiskSpec], today: date, reviewed_days_ago: int
) -> list[Risk]:
    qm = person(organisation, "qm")
    reviewed_on = today - timedelta(days=reviewed_days_ago)
    risks = []
    for index, row in enumerate(rows):
        risk = risk_create(
            organisation=organisation,
            by=qm,
            category=row.category,
            risk=row.risk,
            hazard=row.hazard,
            existing_controls=row.controls,
            further_action=row.further_action,
            owner=person(organisation, row.lead),
            action_due=today + timedelta(days=30 + 15 * index) if row.further_action else None,
            likelihood=row.likelihood,
            impact=row.impact,
            residual_likelihood=row.residual_likelihood,
            residual_impact=row.residual_impact,
            next_review_date=reviewed_on + timedelta(days=365),
        )
        risk_review(
            risk=risk,
            by=qm,
            entry=ReviewEntry(
                reviewed_on=reviewed_on,
                notes="Annual review with the DSL team against the local CTLP briefing.",
                likelihood=row.likelihood,
                impact=row.impact,
                residual_likelihood=row.residual_likelihood,
                residual_impact=row.residual_impact,
                next_review_date=reviewed_on + timedelta(days=305),
            ),
        )
        risks.append(risk)
    return risks


def _riverside_risks(organisation: Organisation, today: date) -> list[Risk]:
    risks = _risks(organisation, COLLEGE_RISKS, today, reviewed_days_ago=60)
    qm = person(organisation, "qm")
    welfare = next(r for r in risks if r.category == "welfare")
    risk_review(
        risk=welfare,
        by=qm,
        entry=ReviewEntry(
            reviewed_on=today - timedelta(days=12),
            notes="Reviewed after the incident: rules drafted, likelihood raised until agreed.",
            after_incident=True,
            incident_summary="Leaflets from an unknown group were left in the multi-faith room.",
            likelihood=3,
            impact=3,
            residual_likelihood=2,
            residual_impact=3,
            next_review_date=today + timedelta(days=60),
        ),
    )
    for risk in [*risks[:3], welfare]:
        risk_raise_action(risk=risk, by=qm)
    # One risk slipped past its review date, so the calendar and signals show it.
    backdate(risks[5], next_review_date=today - timedelta(days=9))
    return risks


def _northfield_risks(organisation: Organisation, today: date) -> list[Risk]:
    risks = _risks(organisation, ITP_RISKS, today, reviewed_days_ago=427)  # about 14 months
    qm = person(organisation, "qm")
    risk_raise_action(risk=risks[2], by=qm)
    return risks


def _event(organisation, by, *, days: int, **fields) -> ExternalEvent:
    today = timezone.localdate()
    event = event_request(
        organisation=organisation, by=by, event_date=today + timedelta(days=days), **fields
    )
    backdate(event, created_at=timezone.now() + timedelta(days=min(days, 0) - 21))
    return event


def _check(event, by, *, level="low", conditions=(), notes="No concerns found.") -> None:
    event_record_checks(
        event=event,
        by=by,
        checks=Checks(True, True, True, notes, level, list(conditions)),
    )


def _backdate_steps(event: ExternalEvent, day: date) -> None:
    """The demo's decisions were made before each event, not on the day it was seeded."""
    before = timezone.now() + timedelta(days=(day - timezone.localdate()).days)
    backdate(event, checked_at=before - timedelta(days=12), decided_at=before - timedelta(days=10))
    if ExternalEvent.objects.for_organisation(event.organisation_id).get(pk=event.pk).outcome_at:
        backdate(event, outcome_at=before + timedelta(days=1))


def _approve(event, by, decider, *, outcome: str = "", conditions=(), level="low") -> None:
    _check(event, by, level=level, conditions=conditions)
    decision = EventStatus.APPROVED_WITH_CONDITIONS if conditions else EventStatus.APPROVED
    event_decide(event=event, by=decider, decision=decision, reasons="Proportionate to the risk.")
    if outcome:
        event_record_outcome(event=event, by=by, note=outcome, concern_raised=False)


def _events(organisation: Organisation, key: str, today: date) -> list[ExternalEvent]:
    qm, staff = person(organisation, "qm"), person(organisation, "staff")
    leader = person(organisation, "leader")
    term = term_of(today)
    last = previous_term(term)
    made = []
    specs = SPEAKERS[key]
    # Half in the previous term, half in this term up to today: all approved and held.
    span = max((today - term.start).days, 0)
    for index, spec in enumerate(specs):
        if index % 2:
            day = term.start + timedelta(days=span * index // len(specs))
        else:
            day = last.start + timedelta(days=10 + 9 * index)
        event = _event(
            organisation,
            staff,
            days=(day - today).days,
            title=spec.title,
            speaker_name=spec.speaker,
            speaker_organisation=spec.organisation,
            topic=f"{spec.title}: a talk and questions.",
            format=spec.format,
            venue="Main hall" if spec.format == "on_site" else "Teams",
            audience="Learners aged 16-19",
            expected_numbers=spec.expected_numbers,
        )
        conditions = ["staff_present", "code_of_conduct"] if index % 3 == 2 else []
        level = "medium" if conditions else "low"
        outcome = "" if index == 1 else "Went ahead as planned; conditions met; no concerns."
        _approve(event, qm, leader, outcome=outcome, conditions=conditions, level=level)
        _backdate_steps(event, day)
        made.append(event)
    return made


def _refused_and_pending(organisation: Organisation) -> None:
    """A speaker refused, asking again under another title; and a request not yet checked."""
    qm, staff = person(organisation, "qm"), person(organisation, "staff")
    refused = _event(organisation, staff, **REFUSED_REQUEST)
    _check(refused, qm, level="high", notes=REFUSED_CHECK_NOTES)
    event_decide(
        event=refused,
        by=person(organisation, "leader"),
        decision=EventStatus.REFUSED,
        reasons=REFUSED_REASONS,
    )
    _backdate_steps(refused, refused.event_date)
    again = _event(organisation, staff, **REPEAT_REQUEST)
    _check(
        again,
        qm,
        level="high",
        conditions=REPEAT_CONDITIONS,
        notes="Same speaker as the refused request.",
    )
    _event(organisation, staff, **UNCHECKED_REQUEST)


def _upcoming_request(organisation: Organisation) -> ExternalEvent:
    return _event(organisation, person(organisation, "staff"), **UPCOMING_REQUEST)


def _sample(organisation: Organisation, term: Term, events, leader, verify: int) -> None:
    held = [e for e in events if term.start <= e.event_date <= term.end]
    if not held:
        return
    sample = EventSample.objects.create(
        organisation=organisation,
        term_label=term.label,
        term_start=term.start,
        term_end=term.end,
        drawn_by=leader,
        population=len(held),
    )
    drawn = timezone.now() - timedelta(days=max((timezone.localdate() - term.end).days, 0))
    backdate(sample, created_at=drawn)
    items = [
        EventSampleItem.objects.create(organisation=organisation, sample=sample, event=e)
        for e in held
    ]
    for item in items[:verify]:
        sample_item_verify(
            item=item,
            by=leader,
            finding=Finding.AS_APPROVED,
            note="Checked the log against the room booking and attendance list.",
        )


def _seed(organisation: Organisation, key: str) -> int:
    today = timezone.localdate()
    if key == "riverside":
        risks = _riverside_risks(organisation, today)
    else:
        risks = _northfield_risks(organisation, today)
    events = _events(organisation, key, today)
    leader = person(organisation, "leader")
    term = term_of(today)
    if key == "riverside":
        _refused_and_pending(organisation)
        _sample(organisation, previous_term(term), events, leader, verify=99)
        _sample(organisation, term, events, leader, verify=1)
    else:
        _sample(organisation, term, events, leader, verify=0)
        _upcoming_request(organisation)
    return len(risks)


def seed_registers() -> list[str]:
    made = 0
    for slug, key in (("northfield-training", "northfield"), ("riverside-college", "riverside")):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if Risk.objects.exists():
                continue
            made += _seed(organisation, key)
    events = ExternalEvent.unscoped.count()
    return [f"Prevent registers: {made} risks added ({events} speakers and events in all)"]
