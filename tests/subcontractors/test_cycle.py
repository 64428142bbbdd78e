"""The daily cycle on a frozen clock: next year's review is issued and sent once, and the Prevent
lead is chased 14 and 3 days before the due date, each chaser exactly once."""

import threading
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection

from subcontractors import delivery
from subcontractors.cycle import claim_chasers, run_review_cycle
from subcontractors.delivery import (
    claim_questionnaire_email,
    deliver_questionnaire_emails,
    unsent_email_ids,
)
from subcontractors.models import (
    DueDiligenceReview,
    EmailKind,
    QuestionnaireEmail,
    QuestionnaireLink,
    ReviewKind,
    ReviewStatus,
    SubcontractorStatus,
)
from subcontractors.services import review_accept
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import (
    make_subcontractor,
    q_url,
    sent_review,
    submitted_review,
    token_from,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
START = date(2026, 3, 2)


def at(day: date):
    return time_machine.travel(datetime.combine(day, time(9, 0), tzinfo=LONDON), tick=False)


def run(day: date):
    with at(day):
        return run_review_cycle(day, enqueue=deliver_questionnaire_emails)


def chasers() -> list[QuestionnaireEmail]:
    return list(QuestionnaireEmail.unscoped.filter(kind=EmailKind.CHASER).order_by("pk"))


def chaser_mails() -> list:
    return [m for m in mail.outbox if m.subject.startswith("Reminder:")]


@pytest.fixture
def accepted(org, qm):
    """A subcontractor whose review was accepted on START."""
    with at(START):
        subcontractor = make_subcontractor(org, qm, next_review_date=START + timedelta(days=10))
        review = submitted_review(subcontractor, qm)
        with tenant_scope(org):
            review_accept(review=review, by=qm)
    subcontractor.refresh_from_db()
    mail.outbox.clear()
    return subcontractor


# --- Yearly reissue -------------------------------------------------------------------------


def test_next_years_review_is_issued_a_year_after_acceptance(accepted, client):
    assert accepted.next_review_date == date(2027, 3, 2)
    assert run(date(2027, 3, 1)).reissued == 0
    assert not mail.outbox

    result = run(date(2027, 3, 2))
    assert result.reissued == 1
    review = DueDiligenceReview.unscoped.filter(status=ReviewStatus.SENT).get()
    assert review.kind == ReviewKind.ANNUAL
    assert review.due_date == date(2027, 3, 30)
    assert review.sent_by is None and review.items.count() == 17
    accepted.refresh_from_db()
    assert accepted.next_review_date == review.due_date
    [message] = mail.outbox
    assert message.to == [accepted.prevent_lead_email]
    with at(date(2027, 3, 2)):
        assert client.get(q_url(token_from(message))).status_code == 200


def test_the_reissue_happens_once_however_often_the_task_runs(accepted):
    for _ in range(3):
        run(date(2027, 3, 2))
    run(date(2027, 3, 3))
    assert DueDiligenceReview.unscoped.filter(subcontractor=accepted).count() == 2
    assert len(mail.outbox) == 1


def test_a_year_old_acceptance_reissues_even_if_the_review_date_was_moved_later(accepted):
    type(accepted).unscoped.filter(pk=accepted.pk).update(next_review_date=date(2027, 6, 1))
    assert run(date(2027, 3, 2)).reissued == 1


def test_an_earlier_next_review_date_brings_the_review_forward(accepted):
    type(accepted).unscoped.filter(pk=accepted.pk).update(next_review_date=date(2026, 9, 1))
    assert run(date(2026, 8, 31)).reissued == 0
    assert run(date(2026, 9, 1)).reissued == 1


@pytest.mark.parametrize("status", [SubcontractorStatus.PROSPECTIVE, SubcontractorStatus.ENDED])
def test_only_active_subcontractors_are_reissued(accepted, status):
    type(accepted).unscoped.filter(pk=accepted.pk).update(status=status)
    assert run(date(2027, 3, 5)).reissued == 0


def test_a_subcontractor_with_a_review_under_way_is_not_reissued(org, qm):
    with at(START):
        subcontractor = make_subcontractor(org, qm, next_review_date=START)
        sent_review(subcontractor, qm)
    assert run(START + timedelta(days=40)).reissued == 0


# --- Chasers ----------------------------------------------------------------------------------


def test_the_prevent_lead_is_chased_14_and_3_days_before_the_due_date_once_each(org, qm):
    with at(START):
        review = sent_review(make_subcontractor(org, qm), qm, due_in=28)
    mail.outbox.clear()
    for offset in range(0, 31):
        day = START + timedelta(days=offset)
        run(day)
        run(day)  # the task running twice in a day changes nothing
    assert [(c.days_before, c.due_date) for c in chasers()] == [
        (14, review.due_date),
        (3, review.due_date),
    ]
    sent = chaser_mails()
    assert len(sent) == 2
    assert all(m.to == [review.subcontractor.prevent_lead_email] for m in sent)
    assert "in 14 days" in sent[0].body and "in 3 days" in sent[1].body
    assert all(c.sent_at for c in chasers())
    first, second = (c.sent_at.astimezone(LONDON).date() for c in chasers())
    assert (first, second) == (START + timedelta(days=14), START + timedelta(days=25))


def test_each_chaser_carries_a_working_link(org, qm, client):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=28)
    mail.outbox.clear()
    day = START + timedelta(days=14)
    run(day)
    [message] = chaser_mails()
    with at(day):
        assert client.get(q_url(token_from(message))).status_code == 200


def test_a_missed_run_is_caught_up_with_the_latest_chaser_only(org, qm):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=28)
    mail.outbox.clear()
    run(START + timedelta(days=26))  # nothing ran since the review was sent
    assert [c.days_before for c in chasers()] == [3]
    assert len(chaser_mails()) == 1


def test_a_review_sent_after_a_threshold_is_not_chased_for_it(org, qm):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=10)
    for offset in range(0, 12):
        run(START + timedelta(days=offset))
    assert [c.days_before for c in chasers()] == [3]


def test_a_submitted_questionnaire_is_not_chased(org, qm):
    with at(START):
        submitted_review(make_subcontractor(org, qm), qm)
    for offset in range(0, 30):
        run(START + timedelta(days=offset))
    assert chasers() == []


def test_a_chaser_is_skipped_if_the_answers_arrive_before_it_is_sent(org, qm):
    with at(START):
        review = sent_review(make_subcontractor(org, qm), qm, due_in=28)
    day = START + timedelta(days=14)
    with at(day):
        claim_chasers(day)
        DueDiligenceReview.unscoped.filter(pk=review.pk).update(status=ReviewStatus.SUBMITTED)
        assert deliver_questionnaire_emails(unsent_email_ids()) == 0
    [chaser] = chasers()
    assert chaser.skipped and chaser.sent_at is None
    assert chaser_mails() == []


def test_two_workers_given_the_same_chaser_send_it_once(org, qm):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=28)
    mail.outbox.clear()
    day = START + timedelta(days=14)
    with at(day):
        assert claim_chasers(day) == 1
        assert claim_chasers(day) == 0  # the unique dedupe key: inserted once
        ids = unsent_email_ids()
        assert deliver_questionnaire_emails(ids) == 1
        assert deliver_questionnaire_emails(ids) == 0
    assert len(chaser_mails()) == 1
    assert QuestionnaireLink.unscoped.filter(purpose=EmailKind.CHASER).count() == 1


def test_only_one_claim_wins(org, qm):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=28)
    day = START + timedelta(days=14)
    with at(day):
        claim_chasers(day)
        [chaser_id] = unsent_email_ids()
        assert claim_questionnaire_email(chaser_id) is True
        assert claim_questionnaire_email(chaser_id) is False
    # A worker that died holding the claim: after the lease, another may take it over.
    with at(day + timedelta(days=1)):
        assert claim_questionnaire_email(chaser_id) is True


def test_a_failed_send_is_retried_by_the_next_run_and_sent_once(org, qm, monkeypatch):
    with at(START):
        sent_review(make_subcontractor(org, qm), qm, due_in=28)
    mail.outbox.clear()
    real_send = delivery.send_templated_email
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("mail server down")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(delivery, "send_templated_email", flaky)
    day = START + timedelta(days=14)
    run(day)
    assert chaser_mails() == []
    assert QuestionnaireLink.unscoped.filter(purpose=EmailKind.CHASER).get().revoked_at
    run(day)
    run(day)
    assert len(chaser_mails()) == 1


@pytest.mark.services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_on_separate_connections_send_each_email_once(org, qm):
    with at(START):
        due = make_subcontractor(org, qm, next_review_date=START)
        chased = make_subcontractor(org, qm, name="Second", prevent_lead_email="second@example.org")
        sent_review(chased, qm, due_in=28)
    mail.outbox.clear()
    day = START + timedelta(days=14)
    errors = []

    def cycle():
        try:
            run_review_cycle(day, enqueue=deliver_questionnaire_emails)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with at(day):  # one clock for every thread
        threads = [threading.Thread(target=cycle) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert DueDiligenceReview.unscoped.filter(subcontractor=due).count() == 1
    assert len([m for m in mail.outbox if m.to == [due.prevent_lead_email]]) == 1
    assert len([m for m in mail.outbox if m.to == ["second@example.org"]]) == 1
