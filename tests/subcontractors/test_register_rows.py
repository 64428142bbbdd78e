"""The register's rows drawn in Python (`subcontractors.register_rows`) read as the template loop
that drew them did: `register_rows_reference.html` is that loop, kept here as the reference.
Change both together. They differ only in whitespace, and in an apostrophe of the catalogue's
own (Welsh) text, which Python escapes as it escapes everything."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone, translation

from subcontractors.models import ReviewStatus, RiskRating, Subcontractor
from subcontractors.register_rows import register_rows
from subcontractors.selectors import subcontractor_list
from tenancy.scope import tenant_scope
from tests.reference_rows import normalised, render_reference
from tests.subcontractors.helpers import make_subcontractor, sent_review

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "register_rows_reference.html"
HOSTILE = 'Fire <drill> & "lock-down" O\'Neil Ltd'


@pytest.fixture
def register(org, qm):
    today = timezone.localdate()
    hostile = make_subcontractor(org, qm, name=HOSTILE, contract_value=Decimal("1234567.5"))
    sent_review(hostile, qm)
    unknown = make_subcontractor(
        org, qm, name="Beech Skills", risk_rating=RiskRating.HIGH, risk_reasons="New provider."
    )
    declared = make_subcontractor(org, qm, name="Cedar College")
    basis = dict(authority_basis="schedule_6", authority_checked_on=today)
    Subcontractor.unscoped.filter(pk=hostile.pk).update(
        next_review_date=today - timedelta(days=3),
        specified_authority="no",
        authority_source="verified",
        **basis,
    )
    Subcontractor.unscoped.filter(pk=unknown.pk).update(next_review_date=None)
    Subcontractor.unscoped.filter(pk=declared.pk).update(
        specified_authority="yes", authority_source="declared", **basis
    )
    return org


def _page(org):
    with tenant_scope(org):
        page = list(subcontractor_list(organisation=org))
    for s in page:  # what the register's view set for the template
        status = s.latest_review_status  # type: ignore[attr-defined]  # annotated
        s.latest_review_label = ReviewStatus(status).label if status else ""  # type: ignore[attr-defined]
    return page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_rows_read_as_the_template_wrote_them(register, language):
    page = _page(register)
    with translation.override(language):
        expected = render_reference(REFERENCE, {"page": page, "organisation": register})
        drawn = register_rows(page, org_slug=register.slug)
    assert normalised(drawn) == normalised(expected)
    assert drawn.count("<tr") == 3


def test_every_value_is_escaped_and_each_state_shown(register):
    with translation.override("en"):
        html = register_rows(_page(register), org_slug=register.slug)
    assert "<drill>" not in html
    assert "Fire &lt;drill&gt; &amp; &quot;lock-down&quot; O&#x27;Neil Ltd" in html
    assert "£1,234,567.50" in html
    assert html.count('<tr class="is-overdue">') == 1 and "Review overdue" in html
    assert "Specified authority (declared by the subcontractor)" in html
    assert "Status not recorded" in html
    assert "High risk" in html and "None yet" in html
