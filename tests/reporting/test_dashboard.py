"""The organisation dashboard: its figures match the data, and every figure links to the
filtered list behind it (following the link lists exactly that many rows)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStatus
from evidence.models import EvidenceItem
from reporting.dashboard import subcontractors_in_use
from tenancy.navigation import ORGANISATION_NAV
from tenancy.roles import Perm, Role
from tests.actionplans.factories import ActionFactory
from tests.evidence.factories import EvidenceItemFactory
from tests.factories import MembershipFactory, account_manager_for
from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db


def dashboard_url(org) -> str:
    return reverse("reporting:dashboard", kwargs={"org_slug": org.slug})


def plan_url(org) -> str:
    return reverse("actionplans:index", kwargs={"org_slug": org.slug})


def two_cycles(org, member):
    """Last year's self-evaluation and the current one (due in 20 days); returns the current."""
    build.cycle(
        org,
        member,
        "2025/26 self-assessment",
        {"C1.1": (1, "green"), "C1.2": (3, "amber"), "C2.1": (2, "green")},
        days_ago=400,
    )
    return build.cycle(
        org,
        member,
        "2026/27 self-assessment",
        {"C1.1": (2, "amber"), "C1.2": (4, "red"), "C2.1": "na"},
        due_in=20,
    )


def seven_actions(org, qm, owner2, gone, c1, c2) -> dict:
    """a1-a7 over statuses, owners (one unowned, one owned by `gone`) and criteria."""
    return {
        "a1": ActionFactory(organisation=org, owner=qm, criterion=c1, due_in=-3),
        "a2": ActionFactory(
            organisation=org, owner=qm, criterion=c1, status=ActionStatus.IN_PROGRESS, due_in=5
        ),
        "a3": ActionFactory(
            organisation=org, owner=owner2, criterion=c2, status=ActionStatus.BLOCKED, due_in=-1
        ),
        "a4": ActionFactory(
            organisation=org, owner=owner2, criterion=c2, status=ActionStatus.DONE, due_in=-10
        ),
        "a5": ActionFactory(organisation=org, owner=None, criterion=None, due_in=40),
        "a6": ActionFactory(
            organisation=org, owner=owner2, criterion=c1, status=ActionStatus.DONE, due_in=3
        ),
        "a7": ActionFactory(organisation=org, owner=gone, criterion=c2, due_in=2),
    }


def four_evidence_items(org):
    """Expiring soon, expired, open-ended, and archived; returns the one expiring soon."""
    today = timezone.localdate()
    expiring = EvidenceItemFactory(
        organisation=org,
        title="Speaker log",
        effective_date=today - timedelta(days=60),
        valid_until=today + timedelta(days=10),
    )
    EvidenceItemFactory(
        organisation=org,
        title="Old policy",
        effective_date=today - timedelta(days=400),
        valid_until=today - timedelta(days=2),
    )
    EvidenceItemFactory(organisation=org, title="Training log", effective_date=today)
    EvidenceItemFactory(
        organisation=org,
        title="Archived log",
        effective_date=today - timedelta(days=60),
        valid_until=today + timedelta(days=5),
        archived_at=timezone.now(),
    )
    return expiring


@pytest.fixture
def world(org, member):
    """Two cycles, seven actions, four evidence items; `member` is the quality manager."""
    build.subscribe(org)
    owner2 = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR, user__name="Olu Owner").user
    gone = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR, user__name="Left Ago").user
    c1, c2 = build.criterion("C1"), build.criterion("C2")
    current = two_cycles(org, member)
    made = seven_actions(org, member, owner2, gone, c1, c2)
    # Someone who has left still owns an action: the plan cannot be filtered to them.
    gone.memberships.all().delete()
    expiring = four_evidence_items(org)
    return {
        "org": org,
        "qm": member,
        "owner2": owner2,
        "gone": gone,
        "c1": c1,
        "c2": c2,
        "current": current,
        "expiring": expiring,
        **made,
    }


@pytest.fixture
def page(world, client_for):
    response = client_for(world["qm"]).get(dashboard_url(world["org"]))
    assert response.status_code == 200
    return response


def hrefs(response) -> set[str]:
    return {unescape(h) for h in re.findall(r'href="([^"]+)"', response.content.decode())}


def test_the_action_figures_match_the_plan(page):
    overall = page.context["dashboard"].actions.overall
    assert (overall.total, overall.done, overall.in_progress) == (7, 2, 1)
    assert (overall.not_started, overall.blocked, overall.overdue, overall.open) == (3, 1, 2, 5)


def test_actions_by_criterion_and_by_owner(page, world):
    progress = page.context["dashboard"].actions
    by_criterion = {g.label: g for g in progress.by_criterion}
    assert set(by_criterion) == {"C1", "C2", "Not linked to a criterion"}
    c1 = by_criterion["C1"].counts
    assert (c1.total, c1.done, c1.in_progress, c1.not_started, c1.overdue) == (3, 1, 1, 1, 1)
    c2 = by_criterion["C2"].counts
    assert (c2.total, c2.blocked, c2.done, c2.overdue) == (3, 1, 1, 1)
    assert progress.by_criterion[-1].label == "Not linked to a criterion"
    assert not progress.by_criterion[-1].filterable

    by_owner = {g.label: g for g in progress.by_owner}
    assert set(by_owner) == {world["qm"].display_name, "Olu Owner", "Left Ago", "No owner"}
    assert by_owner["Olu Owner"].counts.done == 2
    assert by_owner["Olu Owner"].counts.overdue == 1
    assert by_owner["Left Ago"].detail == "no longer a member"
    assert not by_owner["Left Ago"].filterable
    assert not by_owner["No owner"].filterable


def test_every_action_figure_links_to_the_plan_filtered_to_it(page, world, client_for):
    org, client = world["org"], client_for(world["qm"])
    plan = plan_url(org)
    links = hrefs(page)
    progress = page.context["dashboard"].actions
    expected = {f"{plan}?overdue=1", f"{plan}?status=open", f"{plan}?status=done"}
    expected |= {f"{plan}?owner={world['qm'].pk}", f"{plan}?owner={world['owner2'].pk}"}
    expected |= {f"{plan}?criterion={world['c1'].pk}&overdue=1"}
    expected |= {f"{plan}?owner={world['owner2'].pk}&status=done"}
    assert expected <= links
    assert f"{plan}?owner={world['gone'].pk}" not in links  # the filter would be ignored

    groups = [progress.overall, *(g.counts for g in progress.by_criterion + progress.by_owner)]
    checked = 0
    for counts in groups:
        if not counts.base_url:
            continue
        for figure in counts.figures:
            listed = client.get(figure.url).context["page"].paginator.count
            assert listed == figure.count, figure.url
            checked += 1
    assert checked == 5 * 5  # overall, two criteria, two owners; five figures each


def test_the_latest_self_evaluation_levels_gaps_and_confidence(page, world):
    readiness = page.context["dashboard"].readiness
    assert readiness.assessment == world["current"]
    rows = {row.criterion.code: row.counts for row in readiness.rows}
    assert rows["C1"]["2"] == 1 and rows["C1"]["4"] == 1
    assert rows["C2"]["na"] == 1
    assert {row.criterion.code: row.gaps for row in readiness.rows} == {"C1": 2, "C2": 0}
    assert [g["response"].benchmark.code for g in readiness.gaps] == ["C1.1", "C1.2"]
    assert {f.key: f.count for f in readiness.rag} == {"green": 0, "amber": 1, "red": 1, "none": 0}
    assert (readiness.answered, readiness.total) == (3, 3)

    summary = reverse(
        "assessments:summary",
        kwargs={"org_slug": world["org"].slug, "assessment_code": world["current"].code},
    )
    assert f"{summary}#gaps-heading" in hrefs(page)
    html = page.content.decode()
    assert "2026/27 self-assessment" in html
    assert "Draft" in html


def test_the_trend_across_cycles(page):
    trend = page.context["dashboard"].readiness.trend
    # 2025/26: two of three rated benchmarks not at a gap level; 2026/27: one of two (N/A out).
    assert [(name, share) for name, share, _ in trend] == [("2025/26", 67), ("2026/27", 50)]
    html = page.content.decode()
    assert "67%" in html and "50%" in html


def test_evidence_expiring_soon(page, world):
    evidence = page.context["dashboard"].evidence
    assert (evidence.expiring.count, evidence.expired.count, evidence.in_library.count) == (1, 1, 3)
    assert evidence.expiring_items == [world["expiring"]]
    links = hrefs(page)
    evidence_list = reverse("evidence:list", kwargs={"org_slug": world["org"].slug})
    assert f"{evidence_list}?status=expiring" in links
    assert f"{evidence_list}?status=expired" in links


def test_the_evidence_figures_match_the_filtered_library(page, world, client_for):
    client = client_for(world["qm"])
    evidence = page.context["dashboard"].evidence
    for figure in (evidence.expiring, evidence.expired, evidence.in_library):
        listed = client.get(figure.url).context["page"].paginator.count
        assert listed == figure.count, figure.url


def test_the_next_deadlines(page, world):
    deadlines = page.context["dashboard"].deadlines
    kinds = [(d.kind, d.title) for d in deadlines]
    assert ("Self-evaluation due", "2026/27 self-assessment") in kinds
    assert ("Evidence expires", "Speaker log") in kinds
    assert ("Action due", world["a2"].title) in kinds
    # Overdue and done actions are not deadlines ahead; they are counted elsewhere.
    titles = {d.title for d in deadlines}
    assert world["a1"].title not in titles
    assert world["a6"].title not in titles
    assert [d.when for d in deadlines] == sorted(d.when for d in deadlines)


def test_a_past_due_self_evaluation_stays_among_the_deadlines(world, client_for):
    from assessments.models import Assessment

    Assessment.unscoped.filter(pk=world["current"].pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    for n in range(12):
        ActionFactory(organisation=world["org"], owner=world["qm"], due_in=1 + n)
    response = client_for(world["qm"]).get(dashboard_url(world["org"]))
    deadline = next(d for d in response.context["dashboard"].deadlines if d.kind.startswith("Self"))
    assert deadline.past
    assert "Past due" in response.content.decode()


def test_the_subcontractor_panel_says_when_the_register_is_not_in_use(
    world, client_for, monkeypatch
):
    monkeypatch.setattr("reporting.dashboard.subcontractors_in_use", lambda: False)
    response = client_for(world["qm"]).get(dashboard_url(world["org"]))
    assert response.status_code == 200
    assert response.context["dashboard"].subcontractors is None
    assert "Subcontractor register not in use" in response.content.decode()


needs_register = pytest.mark.skipif(
    not subcontractors_in_use(), reason="the subcontractors app is not installed"
)


@needs_register
def test_subcontractor_risk_and_overdue_reviews(world, client_for):
    org, today = world["org"], timezone.localdate()
    build.subcontractor(org, "Alpha Skills", risk="high", next_review_date=today - timedelta(1))
    build.subcontractor(org, "Beta Training", risk="medium", next_review_date=today + timedelta(9))
    build.subcontractor(org, "Gamma Learning", risk="high")
    build.subcontractor(org, "Delta Prospects", risk="low", status="prospective")
    build.subcontractor(
        org, "Ended Ltd", risk="high", status="ended", next_review_date=today - timedelta(30)
    )
    client = client_for(world["qm"])
    response = client.get(dashboard_url(org))
    risk = response.context["dashboard"].subcontractors
    assert {f.key: f.count for f in risk.by_risk} == {"high": 2, "medium": 1, "low": 0}
    assert (risk.in_register.count, risk.active.count, risk.overdue_reviews.count) == (5, 3, 1)
    assert [s.name for s in risk.overdue] == ["Alpha Skills"]

    register = reverse("subcontractors:index", kwargs={"org_slug": org.slug})
    links = hrefs(response)
    assert f"{register}?overdue=1" in links
    assert f"{register}?risk=high&status=active" in links
    for figure in [*risk.by_risk, risk.in_register, risk.active, risk.overdue_reviews]:
        listed = client.get(figure.url).context["page"].paginator.count
        assert listed == figure.count, figure.url
    html = response.content.decode()
    assert "Subcontractor register not in use" not in html
    assert 'aria-label="Active subcontractors by Prevent risk rating: High risk 2' in html


@needs_register
def test_an_empty_register(page):
    assert page.context["dashboard"].subcontractors.in_register.count == 0
    assert "No subcontractors in the register yet" in page.content.decode()


def test_an_organisation_with_nothing_yet(org, member, client_for):
    response = client_for(member).get(dashboard_url(org))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No self-evaluation has been started yet" in html
    assert "The action plan is empty" in html
    assert response.context["dashboard"].readiness is None


@pytest.mark.parametrize("role", [Role.QUALITY_MANAGER, Role.SENIOR_LEADER])
def test_leaders_and_quality_managers_see_it(role, org, client_for):
    user = MembershipFactory(organisation=org, role=role).user
    assert client_for(user).get(dashboard_url(org)).status_code == 200


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.VIEWER])
def test_contributors_and_viewers_are_refused(role, org, client_for):
    user = MembershipFactory(organisation=org, role=role).user
    assert client_for(user).get(dashboard_url(org)).status_code == 403


def test_the_assigned_account_manager_sees_it_and_others_get_404(
    world, other_org, outsider, client_for
):
    org = world["org"]
    assert client_for(account_manager_for(org)).get(dashboard_url(org)).status_code == 200
    assert client_for(account_manager_for(other_org)).get(dashboard_url(org)).status_code == 404
    assert client_for(outsider).get(dashboard_url(org)).status_code == 404


def test_the_dashboard_is_in_the_navigation_after_overview(
    org, member, readonly_member, client_for
):
    labels = [item.label for item in ORGANISATION_NAV]
    assert labels[labels.index("Overview") + 1] == "Dashboard"
    assert ORGANISATION_NAV[1].perm == Perm.VIEW_DASHBOARD
    url = dashboard_url(org)
    response = client_for(member).get(url)
    assert f'href="{url}" aria-current="page">Dashboard<' in response.content.decode()
    home = client_for(readonly_member).get(org.get_absolute_url())
    assert url not in home.content.decode()


# --- Query counts --------------------------------------------------------------------------


def _grow(
    org, qm, owners, *, actions: int, evidence: int, cycles: int, first_year: int, subs: int
) -> None:
    criteria = [build.criterion("C1"), build.criterion("C2")]
    build.actions(org, owners, actions, criteria=criteria)
    build.evidence(org, evidence)
    if subcontractors_in_use():
        build.subcontractors(org, subs)
    for n in range(cycles):
        year = first_year + n
        build.cycle(
            org,
            qm,
            f"{year}/{str(year + 1)[2:]} self-assessment",
            {"C1.1": (2, "green"), "C1.2": (3, "amber"), "C2.1": (1, "green")},
            days_ago=1000 - 300 * n,
            due_in=30,
        )


def test_the_query_count_does_not_grow_with_the_data(org, member, client_for):
    """Actions, evidence items, cycles and subcontractors: the same queries at both sizes."""
    build.subscribe(org)
    owners = [member] + [
        MembershipFactory(organisation=org, role=Role.CONTRIBUTOR).user for _ in range(5)
    ]
    _grow(org, member, owners[:1], actions=2, evidence=1, cycles=1, first_year=2020, subs=1)
    client = client_for(member)
    url = dashboard_url(org)
    client.get(url)  # warm up: first-request lookups are not what we measure
    small = build.count_queries(client, url)

    _grow(org, member, owners, actions=40, evidence=25, cycles=3, first_year=2021, subs=20)
    response = client.get(url)
    assert response.context["dashboard"].actions.overall.total == 42
    assert len(response.context["dashboard"].actions.by_owner) == 6
    assert response.context["dashboard"].evidence.in_library.count == 26
    assert len(response.context["dashboard"].readiness.trend) == 4
    if subcontractors_in_use():
        assert response.context["dashboard"].subcontractors.in_register.count == 21
    assert build.count_queries(client, url) == small


def test_archived_evidence_is_left_out(world, page):
    assert EvidenceItem.unscoped.filter(organisation=world["org"]).count() == 4
    assert "Archived log" not in page.content.decode()
