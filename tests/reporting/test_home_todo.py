"""Each role's home page starts with its own to-do list ("What needs you now"): its items only,
never another tenant's or, where the work is private, another person's; most urgent first;
and the page costs the same number of queries at two sizes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, CriterionAssignment, Status
from registers.models import Risk
from reporting.models import EvidencePack, PackStatus
from reporting.my_todo import todo_for
from reporting.todo import due_text
from tenancy.access import OrgAccess
from tenancy.models import Membership
from tenancy.roles import Role
from tests.actionplans.factories import ActionFactory
from tests.conftest import member_of
from tests.evidence.factories import EvidenceItemFactory
from tests.registers.conftest import make_event, make_risk
from tests.reporting.dashboard_builders import (
    count_queries,
    criterion,
    sample_version,
    subcontractor,
    subscribe,
)

pytestmark = pytest.mark.django_db


def _access(org, user) -> OrgAccess:
    membership = Membership.unscoped.get(organisation=org, user=user)
    return OrgAccess(org, membership, membership.role, membership.designations)


def _sections(org, user) -> dict[str, list[str]]:
    todo = todo_for(access=_access(org, user), user=user)
    return {s.key: [r.label for r in s.rows] for s in todo.sections}


def _returned(assessment: Assessment, lead) -> None:
    Assessment.unscoped.filter(pk=assessment.pk).update(
        status=Status.RETURNED, lead=lead, approval_comment="Say more about staff training."
    )


def _assign(assessment: Assessment, code: str, person) -> None:
    CriterionAssignment.unscoped.create(
        organisation=assessment.organisation,
        assessment=assessment,
        criterion=criterion(code),
        assignee=person,
    )


def _assessment(org, lead, title: str, status: str = Status.DRAFT, due_in: int = 20):
    """A bare self-evaluation row (no responses: the to-do list reads none)."""
    return Assessment.unscoped.create(
        organisation=org,
        title=title,
        framework_version=sample_version(),
        lead=lead,
        created_by=lead,
        status=status,
        due_date=timezone.localdate() + timedelta(days=due_in),
        submitted_by=lead if status == Status.SUBMITTED else None,
        submitted_at=timezone.now() if status == Status.SUBMITTED else None,
    )


def _grow(org, people: dict, n: int) -> None:
    """n of each kind of item, spread over the people (every other one late)."""
    today = timezone.localdate()
    qm, leader, contributor = people["qm"], people["leader"], people["contributor"]
    for i in range(n):
        submitted = _assessment(org, qm, f"Submitted {i}", Status.SUBMITTED)
        draft = _assessment(org, qm, f"Draft {i}", due_in=-3 if i % 2 else 20)
        _assign(draft, "C1", contributor)
        _assign(draft, "C2", leader)
        _returned(_assessment(org, qm, f"Returned {i}"), qm)
        for owner in (contributor, leader, qm):
            ActionFactory(organisation=org, owner=owner, due_in=-4 if i % 2 else 6)
            EvidenceItemFactory(
                organisation=org,
                owner=owner,
                effective_date=today - timedelta(days=30),
                valid_until=today + timedelta(days=-2 + 5 * i),
            )
        make_risk(org, qm, owner=contributor, next_review_date=today + timedelta(days=i))
        subcontractor(org, f"Sub {org.pk}-{i}", next_review_date=today - timedelta(days=i + 1))
        EvidencePack.unscoped.create(
            organisation=org,
            assessment=submitted,
            status=PackStatus.READY if i % 2 else PackStatus.FAILED,
            is_draft=True,
            requested_by=qm,
            generated_at=timezone.now(),
        )


@pytest.fixture
def people(org, qm, leader, contributor, colleague, viewer):
    subscribe(org)
    dsl = member_of(org, Role.SENIOR_LEADER, is_safeguarding_lead=True, user__name="Dee Lead")
    return {
        "qm": qm,
        "leader": leader,
        "contributor": contributor,
        "colleague": colleague,
        "viewer": viewer,
        "dsl": dsl,
    }


@pytest.fixture
def world(org, other_org, people):
    """One of each item in `org`; the same again in another organisation, whose items must
    never show."""
    _grow(org, people, 1)
    subscribe(other_org)
    them = {
        "qm": member_of(other_org, Role.QUALITY_MANAGER),
        "leader": member_of(other_org, Role.SENIOR_LEADER),
        "contributor": member_of(other_org, Role.CONTRIBUTOR),
    }
    _grow(other_org, them, 2)
    return people


def _leader(org, people) -> None:
    sections = _sections(org, people["leader"])
    assert next(iter(sections)) == "approvals"  # waiting on them: first
    assert sections["approvals"] == ["Submitted 0"]
    # Their own criteria and actions follow; nothing of the quality manager's private work.
    assert sections["criteria"] == ["C2 " + criterion("C2").title]
    assert len(sections["actions"]) == 1
    assert "returned" not in sections  # the quality manager leads the returned one
    assert not {"sub_reviews", "training", "referrals"} & set(sections)


def _contributor(org, people) -> None:
    sections = _sections(org, people["contributor"])
    assert list(sections)[:2] == ["criteria", "actions"]
    assert sections["criteria"] == ["C1 " + criterion("C1").title]
    assert "The colleague's action" not in sections["actions"]
    assert sections["evidence"] and sections["risks"]
    assert not {"approvals", "returned", "sub_reviews", "events", "packs"} & set(sections)
    # The colleague was given one action and nothing else.
    assert _sections(org, people["colleague"]) == {"actions": ["The colleague's action"]}


def _quality_manager(org, people) -> None:
    todo = todo_for(access=_access(org, people["qm"]), user=people["qm"])
    keys = [s.key for s in todo.sections]
    assert keys[0] == "returned"
    assert {"evidence", "risks", "sub_reviews", "packs", "events"} <= set(keys)
    evidence = next(s for s in todo.sections if s.key == "evidence")
    assert evidence.count == 3  # everyone's expiring evidence in the organisation, not theirs
    packs = next(s for s in todo.sections if s.key == "packs")
    assert packs.late == 1 and packs.rows[0].detail == "failed: try again"
    assert "approvals" not in keys  # quality managers do not approve


def test_each_role_sees_its_own_items(org, world, colleague):
    ActionFactory(organisation=org, owner=colleague, title="The colleague's action")
    make_event(org, world["contributor"])
    _leader(org, world)
    _contributor(org, world)
    _quality_manager(org, world)
    assert _sections(org, world["viewer"]) == {}
    dsl = _sections(org, world["dsl"])
    assert dsl["referrals"][0].startswith("Record the ")  # last term's figures are missing
    assert dsl["approvals"] == ["Submitted 0"]  # a senior leader too


def test_the_page_shows_them_and_no_other_organisation_s(org, other_org, world, client_for):
    for person in ("qm", "leader", "contributor", "dsl"):
        todo = todo_for(access=_access(org, world[person]), user=world[person])
        for section in todo.sections:
            assert section.count <= 3, (person, section.key, section.count)
            for row in section.rows:
                assert f"/o/{other_org.slug}/" not in row.url
    Risk.objects.for_organisation(org).update(next_review_date=timezone.localdate() - timedelta(1))
    url = reverse("tenancy:org_home", args=[org.slug])
    html = client_for(world["contributor"]).get(url).content.decode()
    assert "What needs you now" in html
    assert "1 day overdue" in html
    assert 'class="tag tag-danger">1 overdue' in html
    assert html.index("Criteria assigned to you") < html.index("Risk reviews due")
    viewer_page = client_for(world["viewer"]).get(url).content.decode()
    assert "Nothing is waiting for you" in viewer_page


def test_due_text():
    today = timezone.localdate()
    assert due_text(today - timedelta(days=1), today) == "1 day overdue"
    assert due_text(today - timedelta(days=4), today) == "4 days overdue"
    assert due_text(today, today, "expires") == "expires today"
    assert due_text(None, today) == "no due date"
    long_ago = today - timedelta(days=400)
    assert due_text(long_ago, today) == f"overdue since {long_ago:%-d %b %Y}"


def test_every_role_s_home_costs_the_same_queries_at_two_sizes(org, people, client_for):
    url = reverse("tenancy:org_home", args=[org.slug])
    clients = {role: client_for(person) for role, person in people.items()}

    def counts() -> dict[str, int]:
        return {role: count_queries(client, url) for role, client in clients.items()}

    _grow(org, people, 1)
    for client in clients.values():
        client.get(url)  # sessions and caches warm
    one = counts()
    _grow(org, people, 3)  # four of everything: each section shows more rows
    assert counts() == one
