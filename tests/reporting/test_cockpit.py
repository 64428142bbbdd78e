"""The account manager's cockpit at /portfolio/: only their providers, those needing attention
first, and a query count that does not grow with the number of providers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStatus
from reporting.cockpit import ATTENTION_WEIGHTS, ProviderRow, attention, subcontractors_in_use
from tenancy.models import Organisation
from tenancy.roles import Role
from tenancy.services import organisation_assign_account_manager
from tests.actionplans.factories import ActionFactory
from tests.factories import MembershipFactory, OrganisationFactory, account_manager_for
from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db

COCKPIT_URL = reverse("reporting:cockpit")


def test_the_cockpit_is_at_the_portfolio_address():
    assert COCKPIT_URL == "/portfolio/"
    assert reverse("portfolio:onboard") == "/portfolio/onboard/"


def test_it_lists_only_the_providers_assigned_to_the_account_manager(client_for):
    mine = OrganisationFactory(name="Ashford Apprenticeships")
    also_mine = OrganisationFactory(name="Beacon College")
    unassigned = OrganisationFactory(name="Unassigned Provider Ltd")
    someone_elses = OrganisationFactory(name="Colleague's Provider")
    account_manager = account_manager_for(mine, also_mine)
    account_manager_for(someone_elses)

    response = client_for(account_manager).get(COCKPIT_URL)

    assert response.status_code == 200
    assert {row.organisation for row in response.context["page"]} == {mine, also_mine}
    html = response.content.decode()
    assert unassigned.name not in html
    assert "Colleague" not in html


def test_members_and_platform_admins_who_are_not_account_managers_get_404(
    member, user_factory, client_for
):
    assert client_for(member).get(COCKPIT_URL).status_code == 404
    admin = user_factory(is_staff=True, is_superuser=True)
    assert client_for(admin).get(COCKPIT_URL).status_code == 404


def _provider(name: str, *, qm: bool = True):
    organisation = OrganisationFactory(name=name)
    user = None
    if qm:
        user = MembershipFactory(organisation=organisation, role=Role.QUALITY_MANAGER).user
    return organisation, user


def _age(organisation, days: int) -> None:
    """Make the provider and everything in it `days` old (auto_now is bypassed by update)."""
    from actionplans.models import Action
    from assessments.models import Assessment, Response
    from evidence.models import EvidenceItem

    then = timezone.now() - timedelta(days=days)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=then)
    for model in (Assessment, Response, Action, EvidenceItem):
        model.unscoped.filter(organisation=organisation).update(updated_at=then)


@pytest.fixture
def portfolio(client_for):
    """Five providers, each needing attention for a different reason (or none)."""
    fine, fine_qm = _provider("Aardvark Training")  # all in hand
    build.subscribe(fine)
    build.cycle(fine, fine_qm, "2026/27 self-assessment", {"C1.1": (2, "green")})

    no_qm, _ = _provider("Zephyr College", qm=False)
    no_qm.invitations.create(email="qm@zephyr.example", role=Role.QUALITY_MANAGER)

    overdue, overdue_qm = _provider("Middleton Skills")
    build.subscribe(overdue)
    build.cycle(overdue, overdue_qm, "2026/27 self-assessment", {"C1.1": (3, "amber")})
    for _ in range(3):
        ActionFactory(organisation=overdue, owner=overdue_qm, due_in=-4)
    ActionFactory(organisation=overdue, status=ActionStatus.DONE, due_in=-4)

    waiting, waiting_qm = _provider("Brookside Academy")
    build.subscribe(waiting)
    submitted = build.cycle(waiting, waiting_qm, "2026/27 self-assessment", {})
    build.mark_submitted(submitted)

    stale, stale_qm = _provider("Quietwater Learning")
    build.subscribe(stale)
    build.cycle(stale, stale_qm, "2026/27 self-assessment", {"C1.1": (1, "green")})
    _age(stale, 45)

    organisations = [fine, no_qm, overdue, waiting, stale]
    account_manager = account_manager_for(*organisations)
    return {
        "client": client_for(account_manager),
        "fine": fine,
        "no_qm": no_qm,
        "overdue": overdue,
        "waiting": waiting,
        "stale": stale,
    }


def test_providers_needing_attention_come_first(portfolio):
    response = portfolio["client"].get(COCKPIT_URL)
    names = [row.organisation.name for row in response.context["page"]]
    assert names == [
        "Zephyr College",  # no quality manager: 50
        "Middleton Skills",  # three overdue actions: 20 + 3
        "Brookside Academy",  # awaiting approval: 15
        "Quietwater Learning",  # stale: 10
        "Aardvark Training",  # nothing: 0
    ]
    rows = {row.organisation.name: row for row in response.context["page"]}
    assert rows["Zephyr College"].reasons == ["Quality manager invited, not joined yet"]
    assert rows["Middleton Skills"].overdue_actions == 3
    assert rows["Middleton Skills"].reasons == ["3 overdue actions"]
    assert rows["Brookside Academy"].reasons == ["Self-evaluation awaiting approval"]
    assert rows["Quietwater Learning"].stale
    assert rows["Aardvark Training"].score == 0
    assert response.context["needing_attention"] == 4


def test_each_row_shows_the_figures_and_links(portfolio):
    response = portfolio["client"].get(COCKPIT_URL)
    html = response.content.decode()
    overdue = portfolio["overdue"]
    plan = reverse("actionplans:index", kwargs={"org_slug": overdue.slug})
    assert f'href="{plan}?overdue=1"' in html
    dashboard = reverse("reporting:dashboard", kwargs={"org_slug": overdue.slug})
    assert f'href="{dashboard}"' in html
    rows = {row.organisation.name: row for row in response.context["page"]}
    middleton = rows["Middleton Skills"]
    assert middleton.assessment.title == "2026/27 self-assessment"
    assert middleton.profile_total == 3
    profile = "Readiness profile of 2026/27 self-assessment: 1 Embedded and evaluated 0, "
    assert f'aria-label="{profile}' in html
    assert "Submitted for review" in html  # Brookside's state
    assert "Waiting for quality manager" in html
    assert "Quality manager in place" in html
    assert middleton.last_activity is not None
    assert rows["Zephyr College"].last_activity is None
    assert "No activity yet" in html


def test_onboarding_progress_for_a_new_provider(portfolio):
    response = portfolio["client"].get(COCKPIT_URL)
    rows = {row.organisation.name: row for row in response.context["page"]}
    assert rows["Zephyr College"].onboarding_steps == [
        ("Quality manager joined", False),
        ("Frameworks chosen", False),
        ("First self-evaluation started", False),
    ]
    assert rows["Aardvark Training"].onboarding_complete
    html = response.content.decode()
    assert 'aria-label="Onboarding of Zephyr College"' in html
    assert 'aria-label="Onboarding of Aardvark Training"' not in html


def test_last_activity_is_the_latest_change_across_the_providers_work(portfolio):
    from actionplans.models import Action

    stale = portfolio["stale"]
    recent = timezone.now() - timedelta(days=2)
    ActionFactory(organisation=stale, due_in=30)
    Action.unscoped.filter(organisation=stale).update(updated_at=recent)
    response = portfolio["client"].get(COCKPIT_URL)
    row = next(r for r in response.context["page"] if r.organisation == stale)
    assert row.last_activity == recent
    assert not row.stale


@pytest.mark.skipif(not subcontractors_in_use(), reason="the subcontractors app is not installed")
def test_overdue_subcontractor_reviews_raise_attention(portfolio):
    fine = portfolio["fine"]
    today = timezone.localdate()
    build.subcontractor(fine, "Late Review Ltd", next_review_date=today - timedelta(days=3))
    build.subcontractor(fine, "On Time Ltd", next_review_date=today + timedelta(days=30))
    response = portfolio["client"].get(COCKPIT_URL)
    rows = {row.organisation.name: row for row in response.context["page"]}
    assert rows["Aardvark Training"].overdue_reviews == 1
    assert rows["Aardvark Training"].reasons == ["1 overdue subcontractor review"]
    assert rows["Middleton Skills"].overdue_reviews == 0
    assert [r.organisation.name for r in response.context["page"]][:3] == [
        "Zephyr College",
        "Middleton Skills",
        "Aardvark Training",  # 20 + 1: above "awaiting approval" (15)
    ]
    register = reverse("subcontractors:index", kwargs={"org_slug": fine.slug})
    html = response.content.decode()
    assert f'href="{register}?overdue=1"' in html
    assert "Overdue reviews" in html


def test_without_the_register_the_cockpit_has_no_review_column(portfolio, monkeypatch):
    monkeypatch.setattr("reporting.cockpit.subcontractors_in_use", lambda: False)
    monkeypatch.setattr("reporting.views.cockpit.subcontractors_in_use", lambda: False)
    response = portfolio["client"].get(COCKPIT_URL)
    assert response.status_code == 200
    assert all(row.overdue_reviews is None for row in response.context["page"])
    assert "Overdue reviews" not in response.content.decode()


def _row(**overrides) -> ProviderRow:
    values = {
        "organisation": Organisation(name="X"),
        "assessment": None,
        "profile_chart": None,
        "profile_total": 0,
        "overdue_actions": 0,
        "overdue_reviews": None,
        "awaiting_approval": 0,
        "last_activity": None,
        "stale": False,
        "has_quality_manager": True,
        "quality_manager_invited": False,
        "frameworks_chosen": True,
        "assessment_started": True,
    }
    return ProviderRow(**{**values, **overrides})


def test_the_attention_score():
    assert attention(_row()) == (0, [])
    score, reasons = attention(_row(has_quality_manager=False))
    assert (score, reasons) == (ATTENTION_WEIGHTS["no_quality_manager"], ["No quality manager"])
    score, _ = attention(_row(overdue_actions=40))
    assert score == ATTENTION_WEIGHTS["overdue_actions"] + 10  # capped
    score, reasons = attention(_row(overdue_reviews=2))
    assert score == ATTENTION_WEIGHTS["overdue_reviews"] + 2
    assert reasons == ["2 overdue subcontractor reviews"]
    score, reasons = attention(_row(awaiting_approval=1, stale=True, overdue_actions=1))
    assert score == sum(ATTENTION_WEIGHTS[k] for k in ("awaiting_approval", "stale")) + 21
    assert reasons[0] == "1 overdue action"


# --- Query count ---------------------------------------------------------------------------


def _assign_providers_with_data(account_manager, count: int) -> None:
    for n in range(count):
        organisation, qm = _provider(f"Provider with data {account_manager.pk}-{n}")
        MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
        organisation.invitations.create(email=f"new@{organisation.slug}.example", role="viewer")
        build.subscribe(organisation)
        earlier = build.cycle(organisation, qm, "2025/26 self-assessment", {}, days_ago=300)
        build.mark_submitted(earlier)
        build.cycle(organisation, qm, "2026/27 self-assessment", {"C1.1": (2, "green")})
        build.actions(organisation, [qm], 5)
        build.evidence(organisation, 3)
        if subcontractors_in_use():
            build.subcontractors(organisation, 3)
        organisation_assign_account_manager(organisation=organisation, user=account_manager)
    OrganisationFactory()  # an unassigned provider, never shown


def test_the_query_count_does_not_grow_with_providers(client_for):
    account_manager = account_manager_for()
    _assign_providers_with_data(account_manager, 2)
    client = client_for(account_manager)
    client.get(COCKPIT_URL)  # warm up: first-request lookups are not what we measure
    small = build.count_queries(client, COCKPIT_URL)

    _assign_providers_with_data(account_manager, 10)
    response = client.get(COCKPIT_URL)
    rows = response.context["page"]
    assert len(rows) == 12
    assert all(row.assessment and row.overdue_actions == 2 for row in rows)
    if subcontractors_in_use():
        assert all(row.overdue_reviews == 2 for row in rows)
    assert build.count_queries(client, COCKPIT_URL) == small


def test_only_the_shown_page_of_providers_is_charted(client_for):
    from reporting.cockpit import cockpit_rows, cockpit_rows_detail

    account_manager = account_manager_for()
    _assign_providers_with_data(account_manager, 4)
    rows = cockpit_rows(user=account_manager)
    assert len(rows) == 4 and not any(row.profile_chart for row in rows)

    cockpit_rows_detail(rows[:2])

    assert all(row.assessment and row.profile_chart for row in rows[:2])
    assert not any(row.profile_chart for row in rows[2:])
    page = client_for(account_manager).get(COCKPIT_URL).context["page"]
    assert len(page.object_list) == 4 and all(row.profile_chart for row in page)


def test_a_provider_s_name_is_escaped_in_every_phrase_of_its_row(client_for):
    # The rows are drawn in Python (reporting.cockpit_html): the name reaches the link, the
    # screen-reader phrases and the onboarding list's label, escaped in each.
    provider = OrganisationFactory.create(name="Smith & <Sons>")
    html = client_for(account_manager_for(provider)).get(COCKPIT_URL).content.decode()

    assert "<Sons>" not in html
    escaped = "Smith &amp; &lt;Sons&gt;"
    assert f">{escaped}</a>" in html
    assert f"of {escaped}</span>" in html  # "Dashboard of ..."
    assert f'aria-label="Onboarding of {escaped}"' in html
