"""The bell's list shows each kind of hand-off with its link, in the same queries for a few as for
many; the preferences page turns hand-off emails off one kind at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.models import Criterion
from reminders.models import HANDOFF_KINDS, Kind, Notification
from reporting.models import EvidencePack
from subcontractors.models import DueDiligenceReview, ReviewKind
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import start
from tests.clock import days_from_today
from tests.subcontractors.helpers import make_subcontractor

pytestmark = pytest.mark.django_db


@pytest.fixture
def subjects(org, subscribed, qm):
    assessment = start(org, subscribed, qm)
    subcontractor = make_subcontractor(org, qm, name="Acorn Training Ltd")
    action = ActionFactory(organisation=org, owner=qm, title="Filter the guest Wi-Fi")
    return {
        "assessment": assessment,
        "criterion": Criterion.objects.get(version=subscribed, code="C1"),
        "review": DueDiligenceReview.unscoped.create(
            organisation=org,
            subcontractor=subcontractor,
            kind=ReviewKind.ONBOARDING,
            due_date=days_from_today(20),
            submitted_by_name="Pat Lead",
        ),
        "pack": EvidencePack.unscoped.create(
            organisation=org, assessment=assessment, is_draft=True
        ),
        "action": action,
    }


def add_every_kind(org, recipient, actor, subjects, round_: int) -> None:
    batch = {"count": 1, "reason": "gaps", "origin": "“2026/27”"}
    batch["actions"] = [{"code": str(subjects["action"].code), "title": "Fix C1.1", "due": "soon"}]
    what = {
        Kind.CRITERION_ASSIGNED: {"assessment", "criterion"},
        Kind.CRITERION_UNASSIGNED: {"assessment", "criterion"},
        Kind.ASSESSMENT_SUBMITTED: {"assessment"},
        Kind.ASSESSMENT_RETURNED: {"assessment"},
        Kind.ASSESSMENT_APPROVED: {"assessment"},
        Kind.ACTIONS_ASSIGNED: set(),
        Kind.ACTIONS_REASSIGNED: set(),
        Kind.ACTION_DONE: {"action"},
        Kind.QUESTIONNAIRE_SUBMITTED: {"review"},
        Kind.PACK_READY: {"pack"},
    }
    Notification.unscoped.bulk_create(
        Notification(
            organisation=org,
            recipient=recipient,
            actor=actor,
            kind=kind,
            dedupe_key=f"test:{kind}:{round_}",
            detail={**batch, "comment": "Add the C1 evidence.", "submitted_by": "Pat Lead"},
            **{name: subjects[name] for name in what[kind]},
        )
        for kind in HANDOFF_KINDS
    )


def test_the_list_shows_every_hand_off_in_the_same_queries(
    org, qm, contributor, subjects, client_for
):
    client = client_for(contributor)
    add_every_kind(org, contributor, qm, subjects, 0)
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("reminders:list")).content.decode()
    for text in (
        "Quinn Manager assigned C1",
        "unassigned you from C1",
        "submitted “2026/27 Prevent self-assessment” for your review",
        "returned “2026/27 Prevent self-assessment” with comments",
        "Comments: “Add the C1 evidence.”",
        "approved and signed off",
        "gave you 1 new action from the gaps in “2026/27”",
        "reassigned 1 action to you",
        "marked “Filter the guest Wi-Fi” done",
        "Acorn Training Ltd submitted its due diligence questionnaire (Pat Lead)",
        "The draft evidence pack of “2026/27 Prevent self-assessment” you asked for is ready",
    ):
        assert text in page, text
    assert "?criterion=C1" in page
    assert reverse("reporting:pack_detail", args=[org.slug, subjects["pack"].code]) in page
    for round_ in (1, 2):
        add_every_kind(org, contributor, qm, subjects, round_)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reminders:list"))
    assert len(many) == len(few)


def test_a_person_turns_one_kind_of_hand_off_email_off(contributor, client_for):
    client = client_for(contributor)
    page = client.get(reverse("accounts:preferences")).content.decode()
    assert "A criterion of a self-evaluation is assigned to me" in page
    assert page.count('name="handoff_emails"') == len(HANDOFF_KINDS)
    assert page.count("checked") >= len(HANDOFF_KINDS)  # all on until turned off
    kept = [kind.value for kind in HANDOFF_KINDS if kind != Kind.ACTIONS_REASSIGNED]
    response = client.post(
        reverse("accounts:preferences"),
        {"name": "Casey Contributor", "receives_optional_emails": "on", "handoff_emails": kept},
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.email_opt_outs == [Kind.ACTIONS_REASSIGNED]
    assert not contributor.wants_email(Kind.ACTIONS_REASSIGNED)
    assert contributor.wants_email(Kind.CRITERION_ASSIGNED)
    assert contributor.receives_optional_emails
