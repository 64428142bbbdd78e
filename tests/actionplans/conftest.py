"""Fixtures shared by the action plan tests: uploads in a temporary folder, and a small plan."""

import pytest

from actionplans.models import ActionStatus, Priority
from frameworks.models import Criterion
from tests.actionplans.factories import ActionFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(org, subscribed, qm, contributor, colleague):
    """Five actions with a bit of everything: overdue, due this week, done, blocked."""
    c1 = Criterion.objects.get(version=subscribed, code="C1")
    c2 = Criterion.objects.get(version=subscribed, code="C2")
    return {
        "late": ActionFactory(
            organisation=org, title="Late one", owner=contributor, due_in=-3,
            priority=Priority.HIGH, status=ActionStatus.IN_PROGRESS, criterion=c1,
        ),
        "soon": ActionFactory(
            organisation=org, title="Soon one", owner=colleague, due_in=2,
            priority=Priority.LOW, criterion=c2,
        ),
        "later": ActionFactory(
            organisation=org, title="Later one", owner=qm, due_in=40, criterion=c1,
        ),
        "done": ActionFactory(
            organisation=org, title="Done one", owner=contributor, due_in=-10,
            status=ActionStatus.DONE, impact_note="Staff are confident.",
        ),
        "blocked": ActionFactory(
            organisation=org, title="Blocked one", owner=colleague, due_in=20,
            status=ActionStatus.BLOCKED, priority=Priority.HIGH,
        ),
    }  # fmt: skip
