"""The speaker and event log: request -> checks -> decision -> note; refusals; termly samples."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registers.models import EventSample, EventStatus, ExternalEvent, Finding
from registers.selectors import event_list, refused_before
from registers.services import (
    event_decide,
    event_record_checks,
    event_record_outcome,
    sample_draw,
    sample_item_verify,
)
from registers.services.events import Checks, sample_size
from registers.terms import previous_term, term_of
from tenancy.scope import tenant_scope
from tests.registers.conftest import make_event

pytestmark = pytest.mark.django_db
CONDITIONS = Checks(True, True, False, "Talks online checked", "medium", ["independent_chair"])


def test_the_whole_path_with_conditions(org, qm, leader, contributor):
    event = make_event(org, contributor, days=-1)
    with tenant_scope(org):
        event_record_checks(event=event, by=qm, checks=CONDITIONS)
        event_decide(event=event, by=leader, decision="approved_conditions", reasons="Balanced")
        event_record_outcome(
            event=event, by=contributor, note="Chair kept order", concern_raised=False
        )
        event.refresh_from_db()
    assert event.status == EventStatus.APPROVED_WITH_CONDITIONS
    assert event.condition_labels == ["An independent chair"]
    assert (event.checked_by, event.decided_by, event.outcome_by) == (qm, leader, contributor)
    assert event.history.count() == 4


@pytest.mark.parametrize(
    ("checked", "decision", "reasons", "message"),
    [
        (False, "approved", "", "checks before deciding"),
        (True, "refused", "  ", "reasons for refusing"),
        (True, "requested", "", "Choose approve"),
    ],
)
def test_decisions_need_checks_and_refusals_need_reasons(
    org, qm, leader, checked, decision, reasons, message
):
    event = make_event(org, qm)
    with tenant_scope(org):
        if checked:
            event_record_checks(event=event, by=qm, checks=Checks(True, False, False, "ok", "low"))
        with pytest.raises(ValidationError, match=message):
            event_decide(event=event, by=leader, decision=decision, reasons=reasons)


def test_conditions_must_be_recorded_to_approve_with_them(org, qm, leader):
    event = make_event(org, qm)
    with tenant_scope(org):
        event_record_checks(event=event, by=qm, checks=Checks(True, False, False, "ok", "low"))
        with pytest.raises(ValidationError, match="No conditions"):
            event_decide(event=event, by=leader, decision="approved_conditions", reasons="")


def test_a_decision_is_made_once(org, qm, leader):
    event = make_event(org, qm)
    with tenant_scope(org):
        event_record_checks(event=event, by=qm, checks=CONDITIONS)
        event_decide(event=event, by=leader, decision="approved", reasons="")
        with pytest.raises(ValidationError, match="already decided"):
            event_decide(event=event, by=leader, decision="refused", reasons="Changed my mind")
        with pytest.raises(ValidationError, match="no longer change"):
            event_record_checks(event=event, by=qm, checks=CONDITIONS)


def test_no_post_event_note_before_the_event(org, qm, leader):
    event = make_event(org, qm, days=3)
    with tenant_scope(org):
        event_record_checks(event=event, by=qm, checks=CONDITIONS)
        event_decide(event=event, by=leader, decision="approved", reasons="")
        with pytest.raises(ValidationError, match="not happened"):
            event_record_outcome(event=event, by=qm, note="Fine", concern_raised=False)


def test_a_speaker_refused_before_is_flagged_whatever_the_spelling(org, qm, leader, client_for):
    refused = make_event(org, qm, speaker_name="Jay Carver", days=-30)
    with tenant_scope(org):
        event_record_checks(event=refused, by=qm, checks=CONDITIONS)
        event_decide(event=refused, by=leader, decision="refused", reasons="Hate speech online")
    again = make_event(org, qm, speaker_name="  jay   CARVER. ", days=20)
    with tenant_scope(org):
        assert refused_before(event=again) == [refused]
    client = client_for(qm)
    page = client.get(again.get_absolute_url()).content.decode()
    assert "has been refused before" in page and "Hate speech online" in page
    listing = client.get(reverse("registers:events", kwargs={"org_slug": org.slug}))
    assert "Refused before" in listing.content.decode()
    form = client.post(
        reverse("registers:event_request", kwargs={"org_slug": org.slug}),
        {"speaker_name": "Jay Carver", "title": ""},
    )
    assert "This speaker has been refused before" in form.content.decode()


def test_search_finds_speakers_organisations_and_topics(org, qm):
    make_event(org, qm, speaker_name="Dr Amira Hodžić", title="Remembering Srebrenica")
    make_event(org, qm, speaker_name="PC Dev Patel", speaker_organisation="West Yorkshire Police")
    with tenant_scope(org):
        assert [e.speaker_name for e in event_list(organisation=org, q="amira")] == [
            "Dr Amira Hodžić"
        ]
        assert event_list(organisation=org, q="yorkshire").count() == 1
        assert event_list(organisation=org, q="srebrenica").count() == 1


@pytest.mark.parametrize(("population", "size"), [(1, 1), (5, 5), (30, 5), (51, 6), (200, 20)])
def test_sample_size(population, size):
    assert sample_size(population) == size


@pytest.mark.parametrize(
    ("day", "name", "start"),
    [
        (date(2026, 10, 5), "Autumn term 2026/27", date(2026, 9, 1)),
        (date(2027, 2, 1), "Spring term 2026/27", date(2027, 1, 1)),
        (date(2027, 6, 1), "Summer term 2026/27", date(2027, 4, 1)),
    ],
)
def test_terms(day, name, start):
    assert (term_of(day).label, term_of(day).start) == (name, start)
    assert previous_term(term_of(day)).end == start - timedelta(days=1)


def _held_approved(org, qm, leader, days_ago):
    event = make_event(org, qm, days=-days_ago)
    with tenant_scope(org):
        event_record_checks(event=event, by=qm, checks=CONDITIONS)
        event_decide(event=event, by=leader, decision="approved", reasons="")
    return event


def test_a_term_sample_is_drawn_once_from_held_approved_events_and_verified(org, qm, leader, today):
    term = previous_term(term_of(today))
    inside = [_held_approved(org, qm, leader, (today - term.start).days - i) for i in range(3)]
    _held_approved(org, qm, leader, (today - term.start).days + 5)  # the term before
    make_event(org, qm, days=-(today - term.start).days)  # never decided: not in the sample
    with tenant_scope(org):
        sample = sample_draw(organisation=org, by=leader, term=term)
        assert {i.event for i in sample.items.all()} == set(inside)
        assert sample.population == 3
        with pytest.raises(ValidationError, match="already drawn"):
            sample_draw(organisation=org, by=leader, term=term)
        items = list(sample.items.all())
        for item in items[:-1]:
            sample_item_verify(item=item, by=leader, finding=Finding.AS_APPROVED, note="")
        assert EventSample.objects.get(pk=sample.pk).completed_at is None
        sample_item_verify(item=items[-1], by=leader, finding="conditions_not_met", note="No chair")
        assert EventSample.objects.get(pk=sample.pk).completed_at is not None


def test_a_problem_finding_needs_a_note(org, qm, leader, today):
    term = previous_term(term_of(today))
    _held_approved(org, qm, leader, (today - term.start).days - 1)
    with tenant_scope(org):
        sample = sample_draw(organisation=org, by=leader, term=term)
        with pytest.raises(ValidationError):
            sample_item_verify(
                item=sample.items.get(), by=leader, finding="record_incomplete", note=""
            )


def test_nothing_to_sample_says_so(org, leader, today):
    with tenant_scope(org), pytest.raises(ValidationError, match="No approved event"):
        sample_draw(organisation=org, by=leader, term=previous_term(term_of(today)))


def test_only_the_role_table_decides_who_approves(org, qm, contributor, client_for):
    event = make_event(org, contributor)
    url = reverse(
        "registers:event_decision", kwargs={"org_slug": org.slug, "event_code": event.code}
    )
    response = client_for(contributor).post(url, {"decision-decision": "approved"})
    assert response.status_code == 403
    assert ExternalEvent.unscoped.get(pk=event.pk).status == EventStatus.REQUESTED
