from datetime import timedelta

import pytest

from filtering.models import Category, Outcome, Result, Tool
from filtering.services import (
    ActionRequest,
    MonitoringCounts,
    ReviewEntry,
    TestEntry,
    filtering_review_record,
    filtering_test_record,
    monitoring_record,
)
from tenancy.scope import tenant_scope
from tests.clock import TODAY, frozen_on


@pytest.fixture
def frozen():
    """Every test here runs on tests.clock.TODAY (an autumn-term Wednesday)."""
    with frozen_on(TODAY):
        yield TODAY


def make_test(org, by, days_ago=10, failed=False, action=False, **overrides):
    fields = {
        "tested_on": TODAY - timedelta(days=days_ago),
        "site": "Main campus learner Wi-Fi",
        "tool": Tool.SWGFL,
        "categories": [Category.CSAM, Category.TERRORISM, Category.ADULT],
        "result": Result.SOME_FAILURES if failed else Result.ALL_BLOCKED,
        "failures": "Two self-harm sites loaded" if failed else "",
        "action_taken": "Ticket raised with the provider" if failed else "",
        "tested_by": by,
    }
    fields.update(overrides)
    request = ActionRequest(owner=by, due_date=TODAY + timedelta(days=30)) if action else None
    with tenant_scope(org):
        return filtering_test_record(
            organisation=org, by=by, entry=TestEntry(**fields), raise_action=request
        )


def make_monitoring(org, by, term, reviewed=40, escalated=2, false_positives=20, followed=8):
    with tenant_scope(org):
        return monitoring_record(
            organisation=org,
            by=by,
            term=term,
            counts=MonitoringCounts(reviewed, escalated, false_positives, followed, 1),
        )


def make_review(org, by, days_ago=30, owner=None, **overrides):
    fields = {
        "reviewed_on": TODAY - timedelta(days=days_ago),
        "owner": owner,
        "senior_leader_name": "" if owner else "Dr Sam Principal",
        "governor_name": "Helen Marsh",
        "outcome": Outcome.MEETS,
        "changes": "Guest Wi-Fi moved onto the learner policy.",
    }
    fields.update(overrides)
    with tenant_scope(org):
        return filtering_review_record(organisation=org, by=by, entry=ReviewEntry(**fields))
