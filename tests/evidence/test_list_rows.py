"""The library's rows drawn in Python (`evidence.list_rows`) read as the template loop that drew
them did: `list_rows_reference.html` is that loop, kept here as the reference. Change both
together. They differ only in whitespace, and in an apostrophe of the catalogue's own (Welsh)
text, which Python escapes as it escapes everything. The items are built in memory: only their
displayed fields matter here."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation

from accounts.models import User
from evidence.list_rows import evidence_rows
from evidence.models import EvidenceItem, EvidenceKind, Sensitivity
from tenancy.models import Organisation
from tests.reference_rows import normalised, render_reference

REFERENCE = Path(__file__).parent / "list_rows_reference.html"
HOSTILE = 'Fire <drill> & "lock-down" O\'Neil'
ORGANISATION = Organisation(slug="a-provider", name="A provider")


def _items() -> list[EvidenceItem]:
    today = timezone.localdate()
    owner = User(name="Asha <Owner>", email="asha@example.org")
    cases: list[dict] = [
        dict(title=HOSTILE, kind=EvidenceKind.FILE, content_type="application/pdf", size=2048),
        dict(title="Link", kind=EvidenceKind.LINK, valid_until=today - timedelta(days=1)),
        dict(title="Soon", kind=EvidenceKind.LINK, valid_until=today + timedelta(days=5)),
        dict(title="Later", kind=EvidenceKind.LINK, valid_until=today + timedelta(days=400)),
        dict(title="Hidden", sensitivity=Sensitivity.RESTRICTED, archived_at=timezone.now()),
        dict(title="Nobody's", owner=None, size=0),
    ]
    return [
        EvidenceItem(
            code=uuid.uuid4(),
            **{"kind": EvidenceKind.LINK, "effective_date": today, "owner": owner, **case},
        )
        for case in cases
    ]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_rows_read_as_the_template_wrote_them(language):
    items = _items()
    with translation.override(language):
        context = {"page": items, "organisation": ORGANISATION}
        expected = render_reference(REFERENCE, context)
        drawn = evidence_rows(items, org_slug=ORGANISATION.slug)
    assert normalised(drawn) == normalised(expected)
    assert drawn.count("<tr>") == len(items)


def test_every_value_is_escaped_and_each_state_tagged():
    with translation.override("en"):
        html = evidence_rows(_items(), org_slug=ORGANISATION.slug)
    assert "<drill>" not in html and "<Owner>" not in html
    assert "Fire &lt;drill&gt; &amp; &quot;lock-down&quot; O&#x27;Neil" in html
    for tag in ("Expired", "Expires soon", "Restricted", "Archived", "No expiry", "2.0\xa0KB"):
        assert tag in html, tag
