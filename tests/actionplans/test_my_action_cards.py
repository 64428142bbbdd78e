"""My work's action cards drawn in Python (`actionplans.my_action_cards`) read as the template
loop that drew them did: `my_action_cards_reference.html` is that loop, kept here as the
reference. Change both together. They differ only in whitespace, and in an apostrophe of the
catalogue's own (Welsh) text, which Python escapes as it escapes everything."""

from pathlib import Path

import pytest
from django.utils import timezone, translation

from actionplans.models import ActionStatus
from actionplans.my_action_cards import my_action_cards
from actionplans.selectors import my_actions, my_actions_mark
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory, ProgressUpdateFactory
from tests.reference_rows import normalised, render_reference
from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "my_action_cards_reference.html"
HOSTILE = 'Fire <drill> & "lock-down" O\'Neil'


@pytest.fixture
def cards(org, qm):
    build.subscribe(org)
    c1 = build.criterion("C1")
    cases = [
        dict(title=HOSTILE, criterion=c1, benchmark=c1.benchmarks.first(), due_in=-1),
        dict(criterion=c1, due_in=-30, priority="high"),
        dict(status=ActionStatus.BLOCKED, due_in=5, priority="low"),
        dict(status=ActionStatus.IN_PROGRESS, due_in=0),
    ]
    made = [ActionFactory(organisation=org, owner=qm, **case) for case in cases]
    ProgressUpdateFactory(action=made[0], comment="Short note & <b>bold</b>")
    ProgressUpdateFactory(action=made[2], comment="A long update. " * 12)
    return org


def _page(org, user, *, can_manage: bool):
    today = timezone.localdate()
    with tenant_scope(org):
        page = list(my_actions(organisation=org, user=user))
        my_actions_mark(actions=page, user=user, can_manage=can_manage)
    for action in page:
        action.overdue_days = action.days_overdue(today)  # type: ignore[attr-defined]  # the reference reads it
    return page


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("can_manage", [True, False])
def test_the_cards_read_as_the_template_wrote_them(cards, qm, language, can_manage):
    page = _page(cards, qm, can_manage=can_manage)
    if not can_manage:  # as if the owner's permission on one had been withdrawn
        page[1].can_update = False
    with translation.override(language):
        expected = render_reference(REFERENCE, {"page": page, "organisation": cards})
        drawn = my_action_cards(page, org_slug=cards.slug, today=timezone.localdate())
    assert normalised(drawn) == normalised(expected)
    assert drawn.count("<li ") == 4
    assert drawn.count("#progress") == (4 if can_manage else 3)


def test_every_value_is_escaped_and_lateness_shown(cards, qm):
    with translation.override("en"):
        page = _page(cards, qm, can_manage=True)
        html = my_action_cards(page, org_slug=cards.slug, today=timezone.localdate())
    assert "<drill>" not in html and "<b>" not in html
    assert "Fire &lt;drill&gt; &amp; &quot;lock-down&quot; O&#x27;Neil" in html
    assert "on “Fire &lt;drill&gt;" in html
    assert "Short note &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "1 day overdue" in html and "30 days overdue" in html
    assert html.count(' class="card action-card is-overdue"') == 2
    assert "No updates yet." in html
