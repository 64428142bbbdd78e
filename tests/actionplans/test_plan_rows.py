"""The action plan's rows drawn in Python (`actionplans.plan_rows`) read as the template that
drew them did: `plan_row_reference.html` is that template's loop, kept here as the reference.
Change both together. They differ only in whitespace the includes left, and in an apostrophe of
the catalogue's own (Welsh) text, which Python escapes as it escapes everything."""

from pathlib import Path

import pytest
from django.template import engines
from django.utils import timezone, translation

from actionplans.models import ActionStatus
from actionplans.plan_rows import Labels, plan_row
from actionplans.selectors import action_list
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.factories import UserFactory
from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).parent / "plan_row_reference.html").read_text()
HOSTILE = 'Fire <drill> & "lock-down" O\'Neil'


@pytest.fixture
def actions(org):
    build.subscribe(org)
    c1 = build.criterion("C1")
    benchmark = c1.benchmarks.first()
    named = UserFactory(name="Asha Owner")
    unnamed = UserFactory(name="")
    cases = [
        dict(title=HOSTILE, criterion=c1, benchmark=benchmark, owner=named, due_in=-1),
        dict(criterion=c1, owner=unnamed, due_in=-30, priority="high"),
        dict(status=ActionStatus.DONE, due_in=-3, priority="low"),
        dict(status=ActionStatus.BLOCKED, due_in=5),
        dict(status=ActionStatus.IN_PROGRESS, due_in=0, owner=named),
    ]
    made = [ActionFactory(organisation=org, **case) for case in cases]
    made.append(ActionFactory(organisation=org, title="Unlinked, unowned", due_in=9))
    ProgressUpdateFactory(action=made[0], comment="Short note & <b>bold</b>")
    ProgressUpdateFactory(action=made[3], comment="A long update. " * 12)
    today = timezone.localdate()
    with tenant_scope(org):
        listed = list(action_list(organisation=org, today=today))
    for action in listed:
        action.overdue_days = action.days_overdue(today)  # type: ignore[attr-defined]  # the reference reads it
    return listed


def _normalised(html: str) -> str:
    return html.replace("\n</td>", "</td>").replace("\n <span", " <span").replace("&#x27;", "'")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("can_manage", [True, False])
def test_the_rows_read_as_the_template_wrote_them(org, actions, language, can_manage):
    with translation.override(language):
        expected = (
            engines["django"]
            .from_string(REFERENCE)
            .render({"page": actions, "can_manage": can_manage, "organisation": org})
        )
        labels = Labels.translated()
        drawn = "".join(
            plan_row(
                a,
                org_slug=org.slug,
                today=timezone.localdate(),
                can_manage=can_manage,
                labels=labels,
            )
            for a in actions
        )
    assert _normalised(drawn) == _normalised(expected.removesuffix("\n"))
    assert len(actions) == 6


def test_every_value_is_escaped(org, actions):
    with translation.override("en"):
        html = "".join(
            plan_row(
                a,
                org_slug=org.slug,
                today=timezone.localdate(),
                can_manage=True,
                labels=Labels.translated(),
            )
            for a in actions
        )
    assert "<drill>" not in html and "<b>" not in html
    assert "Fire &lt;drill&gt; &amp; &quot;lock-down&quot; O&#x27;Neil" in html
    assert "Select “Fire &lt;drill&gt;" in html
    assert "Short note &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "1 day overdue" in html and "30 days overdue" in html
