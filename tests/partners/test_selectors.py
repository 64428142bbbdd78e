"""The "last contact" view per area, the summary, the live signals and the pack section."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string

from frameworks.library import parse_library_text
from frameworks.register_signals import signals_for
from frameworks.services import LIBRARY_DIR
from partners.pack import partners_pack_summary
from partners.selectors import area_list, contact_list, engagement_list, last_contact
from partners.services import ActionRequest
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on
from tests.partners.conftest import make_area, make_contact, make_engagement

pytestmark = pytest.mark.django_db
SIGNALS = ["partners.contacts", "partners.briefings", "partners.advice"]


def _signals(org):
    with tenant_scope(org):
        return signals_for(org, SIGNALS, TODAY)


@pytest.fixture
def register(org, qm):
    """Two areas: Greater Manchester fully covered, Lancashire with a stale local authority
    lead and no police contact; West Yorkshire with nobody."""
    with frozen_on(TODAY):
        gm = make_area(org, qm, "Greater Manchester")
        lancs = make_area(org, qm, "Lancashire")
        make_area(org, qm, "West Yorkshire")
        gm_la = make_contact(org, qm, gm)
        gm_police = make_contact(org, qm, gm, kind="police", organisation_name="CTP North West")
        lancs_la = make_contact(
            org, qm, lancs, organisation_name="Lancashire County Council", email="", phone=""
        )
        make_contact(org, qm, gm, kind="police", organisation_name="Old team", is_current=False)
        make_engagement(org, qm, lancs_la, days_ago=400)
        make_engagement(org, qm, gm_la, days_ago=30)
        make_engagement(
            org,
            qm,
            gm_police,
            days_ago=200,
            kind="briefing",
            received_by=qm,
            what_changed="Refresher covers distribution sites",
            action=ActionRequest("Update the refresher", qm, TODAY + timedelta(days=20)),
        )
        make_engagement(
            org, qm, gm_police, days_ago=20, kind="briefing", received_by=qm, what_changed="None"
        )
        make_engagement(org, qm, gm_la, days_ago=60, kind="advice", what_changed="Policy changed")
    return {"gm": gm, "lancs": lancs, "gm_police": gm_police}


def test_last_contact_per_area_and_kind(org, register):
    with tenant_scope(org):
        rows = last_contact(organisation=org, areas=area_list(organisation=org), today=TODAY)
    by_area = {r.area.name: r for r in rows}
    gm = {c.kind: c for c in by_area["Greater Manchester"].cells}
    assert (gm["la_lead"].contacts, gm["la_lead"].last) == (1, TODAY - timedelta(days=30))
    assert (gm["police"].contacts, gm["police"].last) == (1, TODAY - timedelta(days=20))
    assert (gm["dfe"].contacts, gm["dfe"].last) == (0, None)
    assert by_area["Greater Manchester"].missing == []
    lancs = {c.kind: c for c in by_area["Lancashire"].cells}
    assert lancs["la_lead"].stale and lancs["la_lead"].last == TODAY - timedelta(days=400)
    assert by_area["Lancashire"].missing == ["police Prevent team"]
    assert by_area["West Yorkshire"].missing == [
        "local authority Prevent lead",
        "police Prevent team",
    ]


def test_lists_search_and_filter(org, register):
    with tenant_scope(org):
        assert [c.organisation_name for c in contact_list(organisation=org, q="lancashire")] == [
            "Lancashire County Council"
        ]
        police = contact_list(organisation=org, kind="police", current=None)
        assert sorted(c.organisation_name for c in police) == ["CTP North West", "Old team"]
        briefings = engagement_list(organisation=org, kind="briefing", area=register["gm"])
        assert briefings.count() == 2
        assert engagement_list(organisation=org, q="distribution").count() == 1


def test_the_signals_say_what_is_missing(org, register):
    live = _signals(org)
    contacts = live["partners.contacts"]
    assert contacts.summary == (
        "3 delivery areas, 3 current partner contacts; last engagement 2\xa0weeks ago; "
        "2 areas missing a local authority or police contact."
    )
    assert contacts.warnings == (
        "No partner recorded for delivery area West Yorkshire.",
        "Delivery area Lancashire has no police Prevent team contact.",
        "No contact with the local authority Prevent lead for Lancashire for 13 months.",
    )
    briefings = live["partners.briefings"]
    assert briefings.summary == "2 briefings received in the last 12 months; 1 led to an action."
    assert briefings.ok
    advice = live["partners.advice"]
    assert advice.summary == (
        "1 piece of advice sought in the last 12 months; 0 led to an action or a change in the "
        "risk register."
    )
    assert advice.warnings == (
        "1 piece of advice has no action or risk linked to show what was done.",
    )


def test_an_empty_register_warns(org):
    live = _signals(org)
    assert live["partners.contacts"].warnings
    assert live["partners.briefings"].summary == "No briefing received in the last 12 months."
    assert live["partners.advice"].warnings


def test_the_framework_attaches_the_signals_to_partnership_and_ownership_benchmarks():
    data = parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text())
    benchmarks = {b["code"]: b for c in data["criteria"] for b in c["benchmarks"]}
    assert benchmarks["C3.1"]["signals"] == ["partners.contacts"]
    assert benchmarks["C3.5"]["signals"] == ["partners.contacts"]
    assert benchmarks["C3.4"]["signals"] == ["partners.briefings"]
    assert benchmarks["C5.4"]["signals"] == ["partners.advice"]
    for code in ("C1.6", "C3.1", "C3.4", "C3.5", "C5.1", "C5.4"):
        assert benchmarks[code]["changes"].startswith("Now informed by")


def test_the_pack_summary_has_no_contact_details(org, register):
    with tenant_scope(org):
        pack = partners_pack_summary(organisation=org, today=TODAY)
    assert pack["summary"]["briefings"] == 2 and pack["summary"]["briefings_to_action"] == 1
    assert [e.occurred_on for e in pack["engagements"]] == [
        TODAY - timedelta(days=d) for d in (20, 30, 60, 200)
    ]
    html = render_to_string("partners/pack.html", {"p": pack})
    assert "Lancashire" in html and "None recorded" in html
    assert "Aisha Rahman" not in html and "prevent@manchester" not in html
