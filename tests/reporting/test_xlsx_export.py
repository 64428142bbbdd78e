"""The self-evaluation workbook (core.xlsx): every action and response is there with the values
the plan and the respond page show, restricted evidence is counted but never named, and the
file is served from disk as a stream."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actionplans.models import Action
from assessments.models import Assessment, Status
from evidence.models import Sensitivity
from tenancy.models import Organisation
from tenancy.scope import tenant_scope


@pytest.fixture
def northfield(demo_world, db):
    return Organisation.objects.get(slug="northfield-training")


def export(client_for, org):
    from django.contrib.auth import get_user_model

    assessment = Assessment.unscoped.get(organisation=org, status=Status.APPROVED)
    viewer = get_user_model().objects.get(email="viewer@northfield.demo.example")
    url = reverse(
        "reporting:assessment_xlsx",
        kwargs={"org_slug": org.slug, "assessment_code": assessment.code},
    )
    response = client_for(viewer).get(url)
    assert response.status_code == 200
    assert response.streaming
    return assessment, load_workbook(BytesIO(b"".join(response.streaming_content)))


def test_the_action_sheet_holds_every_action_as_the_plan_shows_it(northfield, client_for):
    # The clock stops at the demo world's own day (not a fixed date: the seed's due dates are
    # relative to the clock, which make test-future moves on), so "overdue" is the same on both
    # sides of the comparison.
    with time_machine.travel(timezone.now(), tick=False):
        _check_the_action_sheet(northfield, client_for, timezone.localdate())


def _check_the_action_sheet(northfield, client_for, today):
    with tenant_scope(northfield):
        expected = list(
            Action.objects.select_related("owner", "criterion", "benchmark").order_by(
                "due_date", "pk"
            )
        )
    _, workbook = export(client_for, northfield)
    rows = list(workbook["Action plan"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(expected)
    assert any(a.days_overdue(today) for a in expected)  # the demo plan has overdue actions
    for row, action in zip(rows, expected, strict=True):
        assert row[0] == action.title
        assert row[1] == (action.criterion.code if action.criterion else None)
        assert row[2] == (action.benchmark.code if action.benchmark else None)
        assert row[3] == (action.owner.display_name if action.owner else None)
        assert row[4].date() == action.due_date
        assert row[5:7] == (action.get_priority_display(), action.get_status_display())
        assert row[7] == (action.days_overdue(today) or None)
        assert (row[8].date() if row[8] else None) == action.completed_on
        assert row[9] == (action.impact_note or None)


def test_the_self_evaluation_sheet_counts_restricted_evidence_without_naming_it(
    northfield, client_for
):
    assessment, workbook = export(client_for, northfield)
    rows = list(workbook["Self-evaluation"].iter_rows(min_row=2, values_only=True))
    with tenant_scope(northfield):
        responses = list(
            assessment.responses.select_related("benchmark").prefetch_related("evidence")
        )
    by_code = {row[1]: row for row in rows}
    assert len(by_code) == len(responses)
    restricted = [
        e for r in responses for e in r.evidence.all() if e.sensitivity == Sensitivity.RESTRICTED
    ]
    text = " ".join(str(v) for row in rows for v in row if v)
    assert all(e.title not in text for e in restricted)
    for response in responses:
        row = by_code[response.benchmark.code]
        assert row[2] == response.benchmark.text and row[3] == response.level
        shown = [e for e in response.evidence.all() if e.sensitivity != Sensitivity.RESTRICTED]
        for item in shown:
            assert item.title in (row[10] or "")
