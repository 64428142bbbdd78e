"""Preview costs the same queries for 5 rows or 60; confirm a bounded number per row (each row
goes through its app's service); a service's refusal at confirm saves nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import Action
from tenancy.models import Invitation
from tests.clock import days_from_today
from tests.factories import account_manager_for
from tests.imports.helpers import ACTION_HEADER, csv_bytes, upload_and_map

pytestmark = pytest.mark.django_db


def _queries(client, method: str, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url)
    return response.status_code, len(captured)


def _costs(client, org, qm, count: int) -> tuple[int, int, int]:
    due = days_from_today(60).strftime("%d/%m/%Y")
    rows = [[f"Q{count}-{n}", f"Action {n}", qm.email, due, "Low", ""] for n in range(count)]
    _job, urls = upload_and_map(client, org, csv_bytes(ACTION_HEADER, rows), "actions", "q.csv")
    status, preview = _queries(client, "get", urls["preview"])
    assert status == 200
    status, confirm = _queries(client, "post", urls["confirm"])
    assert status == 302
    _job, urls = upload_and_map(client, org, csv_bytes(ACTION_HEADER, rows), "actions", "q.csv")
    status, again = _queries(client, "get", urls["preview"])  # every row unchanged now
    assert status == 200
    return preview, confirm, again


def test_preview_is_constant_and_confirm_bounded_per_row(org, qm, client_for):
    client = client_for(qm)
    small = _costs(client, org, qm, 5)
    large = _costs(client, org, qm, 60)
    assert large[0] == small[0] and large[2] == small[2]  # the preview, new or matched
    per_row = (large[1] - small[1]) / 55
    # action_create's own work per row (owner check, constraint checks, insert, history, the
    # owner's guardian permission) is what an import costs: about 22 queries, and never more.
    assert per_row <= 25, f"{per_row} queries per imported row"
    assert Action.unscoped.filter(organisation=org).count() == 65


def test_a_service_refusal_at_confirm_saves_nothing(org, qm, client_for):
    """The invitation service refuses the provider's account manager; the other rows roll back."""
    manager = account_manager_for(org)
    client = client_for(qm)
    header = ["Email", "Role"]
    rows = [["first@example.org", "Viewer"], [manager.email, "Viewer"]]
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows), "members", "m.csv")
    assert client.get(urls["preview"]).context["counts"]["create"] == 2
    response = client.post(urls["confirm"])
    assert response.status_code == 400
    text = response.content.decode()
    assert "Row 3, Email:" in text and "account manager" in text
    assert "nothing was saved" in text
    assert not Invitation.unscoped.filter(organisation=org).exists()
