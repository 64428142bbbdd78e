"""The notification list's items drawn in Python (`reminders.notification_rows`) read as the
template loop that drew them did: `notification_rows_reference.html` is that loop, kept here as
the reference. Change both together. They differ only in whitespace, and in an apostrophe of the
catalogue's own (Welsh) text, which Python escapes as it escapes everything.

The hand-offs are saved and read back as the page reads them; each of the sweep's reminders is
built in memory with the rows it points to (only their displayed fields matter here)."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation

from actionplans.models import Action
from evidence.models import EvidenceItem, Sensitivity
from registers.models import Risk
from reminders.models import Kind, Notification
from reminders.notification_rows import notification_items
from reminders.selectors import notifications_for
from reporting.models import EvidencePack, PackShareLink
from subcontractors.models import Subcontractor, SubcontractorDocument
from tenancy.scope import tenant_scope
from tests.reference_rows import normalised, render_reference
from tests.reminders.test_handoff_pages import add_every_kind, subjects  # noqa: F401  # fixture

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "notification_rows_reference.html"
HOSTILE = 'Fire <drill> & "lock-down" O\'Neil'


def _reminders(org) -> list[Notification]:
    now = timezone.now()
    due = timezone.localdate() + timedelta(days=9)
    code = uuid.uuid4
    pack = EvidencePack(code=code())
    supplier = Subcontractor(code=code(), name="Acorn <Training> Ltd")
    made: list[dict] = [
        dict(kind=Kind.ACTION_DUE_SOON, action=Action(code=code(), title=HOSTILE)),
        dict(kind=Kind.ACTION_OVERDUE, action=Action(code=code(), title="Fix it"), due_date=None),
        dict(kind=Kind.EVIDENCE_EXPIRING, evidence=EvidenceItem(code=code(), title=HOSTILE)),
        dict(
            kind=Kind.EVIDENCE_EXPIRING,
            evidence=EvidenceItem(code=code(), title="Secret", sensitivity=Sensitivity.RESTRICTED),
        ),
        dict(
            kind=Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING,
            subcontractor_document=SubcontractorDocument(title="Insurance", subcontractor=supplier),
        ),
        dict(
            kind=Kind.PACK_LINK_OPENED,
            pack_share_link=PackShareLink(
                pack=pack, recipient="ins@example.org", recipient_name="", first_opened_at=now
            ),
        ),
        dict(
            kind=Kind.PACK_LINK_OPENED,
            pack_share_link=PackShareLink(pack=pack, recipient="", first_opened_at=None),
        ),
        dict(kind=Kind.RISK_REVIEW_DUE, risk=Risk(code=code(), risk=HOSTILE)),
        dict(kind=Kind.TRAINING_REFRESHERS),
        dict(kind=Kind.WEEKLY_DIGEST, read_at=now),
    ]
    return [
        Notification(organisation=org, created_at=now, **{"due_date": due, **fields})
        for fields in made
    ]


@pytest.fixture
def notifications(org, qm, contributor, subjects):  # noqa: F811  # the imported fixture
    add_every_kind(org, contributor, qm, subjects, 0)
    with tenant_scope(org):
        handoffs = list(
            notifications_for(contributor)
            .select_related("organisation", "actor", "assessment", "criterion", "action")
            .prefetch_related("review__subcontractor", "pack__assessment")
            .order_by("kind")
        )
    return handoffs + _reminders(org)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_items_read_as_the_template_wrote_them(notifications, language):
    with translation.override(language):
        expected = render_reference(REFERENCE, {"page": notifications})
        drawn = notification_items(notifications)
    assert normalised(drawn) == normalised(expected)
    assert drawn.count("<li ") == len(notifications) == 20


def test_every_value_is_escaped_and_each_kind_links_somewhere(notifications):
    with translation.override("en"):
        html = notification_items(notifications)
    assert "<drill>" not in html and "<Training>" not in html
    assert html.count("Fire &lt;drill&gt; &amp; &quot;lock-down&quot; O&#x27;Neil") == 3
    assert "A restricted evidence item (open it to see which)" in html
    assert "Link for ins@example.org" in html and "Link for an inspector" in html
    assert "Prevent training refreshers falling due at" in html
    assert html.count('class="notification unread"') == len(notifications) - 1
