"""Risk reviews reach their lead officer exactly once; the pack carries both registers."""

from datetime import date, timedelta

import pytest
from django.core import mail

from registers.models import Risk
from reminders.delivery import deliver_notifications
from reminders.models import Kind, Notification
from reminders.sweep import claim_reminders
from tests.registers.conftest import make_risk

TODAY = date(2026, 11, 25)


@pytest.mark.django_db
def test_a_risk_review_is_reminded_once_per_review_date(org, qm, contributor):
    due = make_risk(org, qm, owner=contributor, risk="Due soon")
    make_risk(org, qm, owner=contributor, risk="Far off")
    closed = make_risk(org, qm, owner=contributor, risk="Closed one")
    Risk.unscoped.filter(pk=due.pk).update(next_review_date=TODAY + timedelta(days=10))
    Risk.unscoped.filter(pk=closed.pk).update(
        next_review_date=TODAY + timedelta(days=5), status="closed"
    )
    Risk.unscoped.exclude(pk__in=[due.pk, closed.pk]).update(
        next_review_date=TODAY + timedelta(days=200)
    )
    for _ in range(3):
        claim_reminders(TODAY)
    reminders = Notification.unscoped.filter(kind=Kind.RISK_REVIEW_DUE)
    assert [(n.risk_id, n.recipient_id) for n in reminders] == [(due.pk, contributor.pk)]
    assert deliver_notifications([reminders.get().pk]) == 1
    assert deliver_notifications([reminders.get().pk]) == 0
    assert mail.outbox[-1].subject.startswith("Risk review due")
    # A review moves the date, so the next one is reminded again.
    Risk.unscoped.filter(pk=due.pk).update(next_review_date=TODAY + timedelta(days=20))
    claim_reminders(TODAY)
    assert Notification.unscoped.filter(kind=Kind.RISK_REVIEW_DUE).count() == 2


@pytest.mark.django_db
def test_the_pack_has_a_dated_summary_of_both_registers(demo_world):
    from assessments.models import Assessment
    from reporting.packs import render_pack_html
    from tenancy.scope import tenant_scope

    assessment = Assessment.unscoped.filter(organisation__slug="riverside-college").first()
    with tenant_scope(assessment.organisation):
        html = render_pack_html(assessment)
    assert 'id="registers"' in html
    assert "Prevent risk register" in html and "External speakers and events" in html
    assert "Leaders’ termly samples" in html
    assert "Speakers are not named in this pack" in html
    assert "Jay Carver" not in html and "Chris Adeyemi" not in html  # no speaker names
    assert "Learners are drawn into extreme right-wing online communities" in html
