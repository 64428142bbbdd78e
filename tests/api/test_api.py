"""The API through HTTP with real keys: reads, writes through the services, 400s beside the
fields, another organisation's 404, revoked 401, a read key's 403 on writes, and throttling."""

import pytest
from django.core.cache import cache

from actionplans.models import Action, ActionStatus
from actionplans.services import action_create
from api.models import ApiKey
from registers.models import ExternalEvent, Risk
from tenancy.scope import tenant_scope
from tests.api.conftest import keyed, make_key
from tests.clock import iso_days_from_today

pytestmark = pytest.mark.django_db
BASE = "/api/v1/o/{slug}/"


def url(org, path: str) -> str:
    return BASE.format(slug=org.slug) + path


@pytest.fixture
def action(org, qm, contributor):
    from tests.clock import days_from_today

    with tenant_scope(org):
        return action_create(
            organisation=org, title="Refresh Prevent training", owner=contributor,
            due_date=days_from_today(30), by=qm,
        )  # fmt: skip


def test_reads_the_action_plan_page_by_page(org, reader, action):
    response = reader.get(url(org, "actions/"), {"page_size": 1})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None
    assert body["results"][0]["code"] == str(action.code)
    assert body["results"][0]["owner"] == action.owner.email
    assert body["results"][0]["overdue"] is False
    detail = reader.get(url(org, f"actions/{action.code}/"))
    assert detail.json()["title"] == "Refresh Prevent training"


def test_creates_an_action_through_the_service_as_the_keys_creator(org, qm, writer, contributor):
    response = writer.post(
        url(org, "actions/"),
        {"title": "Review the speaker policy", "owner": contributor.email,
         "due_date": iso_days_from_today(14), "priority": "high"},
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 201, response.json()
    with tenant_scope(org):
        created = Action.objects.get(code=response.json()["code"])
    assert (created.owner, created.created_by, created.priority) == (contributor, qm, "high")
    assert created.history.first().history_user == qm  # the audit trail names the key's creator


def test_bad_input_is_400_with_the_message_beside_each_field(org, writer, viewer):
    response = writer.post(
        url(org, "actions/"),
        {"title": "", "owner": viewer.email, "due_date": "soon", "priority": "urgent"},
        content_type="application/json",
    )

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"title", "owner", "due_date", "priority"}
    assert "No member who can take on work" in errors["owner"][0]  # a viewer takes on no work


def test_a_service_refusal_is_400_on_its_field(org, writer, action):
    response = writer.post(
        url(org, f"actions/{action.code}/progress/"),
        {"comment": "   ", "status": "in_progress"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["comment"]


def test_records_progress_and_edits_the_action(org, writer, action):
    done = writer.post(
        url(org, f"actions/{action.code}/progress/"),
        {"comment": "All staff trained", "status": "done", "impact_note": "100% trained"},
        content_type="application/json",
    )
    edited = writer.patch(
        url(org, f"actions/{action.code}/"), {"priority": "low"}, content_type="application/json"
    )

    assert done.status_code == 201 and edited.status_code == 200
    assert edited.json()["status"] == ActionStatus.DONE and edited.json()["priority"] == "low"
    listed = writer.get(url(org, f"actions/{action.code}/progress/")).json()
    assert [u["comment"] for u in listed["results"]] == ["All staff trained"]


def test_writes_register_entries(org, writer, qm):
    risk = writer.post(
        url(org, "registers/risks/"),
        {"category": "online", "risk": "Unfiltered guest Wi-Fi", "owner": qm.email,
         "likelihood": 4, "impact": 4, "residual_likelihood": 2, "residual_impact": 3},
        content_type="application/json",
    )  # fmt: skip
    too_high = writer.patch(
        url(org, f"registers/risks/{risk.json()['code']}/"),
        {"residual_likelihood": 5, "residual_impact": 5},
        content_type="application/json",
    )
    event = writer.post(
        url(org, "registers/events/"),
        {"title": "Careers talk", "speaker_name": "A. Speaker", "topic": "Apprenticeships",
         "event_date": iso_days_from_today(21), "format": "on_site", "audience": "Level 2",
         "expected_numbers": 40},
        content_type="application/json",
    )  # fmt: skip

    assert risk.status_code == 201 and risk.json()["rating"] == "high"
    assert too_high.status_code == 400 and "non_field_errors" in too_high.json()
    assert event.status_code == 201 and event.json()["status"] == "requested"
    with tenant_scope(org):
        assert Risk.objects.get().residual_score == 6  # the refused change left it as it was
        assert ExternalEvent.objects.get().requested_by == qm


def test_a_read_key_is_refused_writes_with_403(org, reader, contributor):
    response = reader.post(
        url(org, "actions/"),
        {"title": "x", "owner": contributor.email, "due_date": iso_days_from_today(3)},
        content_type="application/json",
    )

    assert response.status_code == 403
    with tenant_scope(org):
        assert not Action.objects.exists()


def test_another_organisations_key_gets_404_even_for_a_real_object(
    org, action, other_org, outsider
):
    _key, secret = make_key(other_org, outsider)
    foreign = keyed(secret)

    assert foreign.get(url(org, "actions/")).status_code == 404
    assert foreign.get(url(org, f"actions/{action.code}/")).status_code == 404
    # Its own organisation's address with our action's code: not found there either.
    own = BASE.format(slug=other_org.slug) + f"actions/{action.code}/"
    assert foreign.get(own).status_code == 404


def test_a_revoked_key_gets_401_at_once(org, qm, write_key):
    key, secret = write_key
    client = keyed(secret)
    assert client.get(url(org, "actions/")).status_code == 200

    key.revoke(by=qm)

    response = client.get(url(org, "actions/"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_key_or_a_wrong_one_gets_401(org, client):
    assert client.get(url(org, "actions/")).status_code == 401
    assert keyed("pck_" + "x" * 43).get(url(org, "actions/")).status_code == 401
    basic = client.get(url(org, "actions/"), headers={"authorization": "Basic abc"})
    assert basic.status_code == 401


def test_a_key_stops_when_its_creator_is_no_longer_a_quality_manager(org, qm, reader):
    from tenancy.models import Membership

    Membership.unscoped.filter(organisation=org, user=qm).update(role="viewer")

    response = reader.get(url(org, "actions/"))
    assert response.status_code == 401
    assert "no longer" in response.json()["detail"]


def test_last_use_is_recorded(org, reader, read_key):
    reader.get(url(org, "actions/"))

    assert ApiKey.unscoped.get(pk=read_key[0].pk).last_used_at is not None


def test_each_key_is_throttled_on_its_own(org, qm, reader, writer, settings):
    settings.API_RATE_LIMIT = "3/min"
    cache.clear()

    statuses = [reader.get(url(org, "actions/")).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert int(reader.get(url(org, "actions/"))["Retry-After"]) > 0
    assert writer.get(url(org, "actions/")).status_code == 200  # another key has its own count
