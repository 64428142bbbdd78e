"""The action page's change history costs the same queries however long the history is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionStatus
from actionplans.services import Progress, action_record_progress
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import action_url, html
from tests.evidence.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def test_the_history_query_count_does_not_grow_with_its_length(org, qm, client_for):
    action = ActionFactory(organisation=org, owner=qm, title="Refresh the speaker policy")
    items = [EvidenceItemFactory(organisation=org, title=f"Record {n}") for n in range(6)]
    client = client_for(qm)

    def progress(n: int) -> None:
        with tenant_scope(org):
            action.refresh_from_db()
            action_record_progress(
                action=action,
                by=qm,
                progress=Progress(
                    comment=f"Update {n}",
                    status=[ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED][n % 2],
                    completion_evidence=items[: n % 6 + 1],
                ),
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(action_url("detail", action)).status_code == 200
        return len(captured)

    for n in range(2):
        progress(n)
    client.get(action_url("detail", action))
    short = queries()
    for n in range(2, 12):
        progress(n)
    assert queries() == short
    page = html(client.get(action_url("detail", action)))
    assert "Record 5" in page and "added" in page  # the evidence changes are still shown
