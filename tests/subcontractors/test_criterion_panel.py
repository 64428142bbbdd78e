"""The subcontractor criterion of a self-evaluation shows the register's state beside it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frameworks.models import Framework
from frameworks.services import framework_load_builtin, subscription_set
from subcontractors.authority import subcontractor_authority_record
from subcontractors.models import RiskRating, SubcontractorStatus
from subcontractors.services import review_accept
from subcontractors.templatetags.subcontractor_tags import is_subcontractor_criterion
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.subcontractors.helpers import html, make_subcontractor, submitted_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org, qm):
    framework_load_builtin()
    framework = Framework.objects.get(slug="prevent-fe-itp")
    subscription_set(organisation=org, frameworks=[framework])
    return start(org, framework.latest_version(), qm)


def respond(assessment, criterion: str) -> str:
    path = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    return f"{path}?criterion={criterion}"


def test_the_panel_belongs_to_criteria_about_subcontracting(assessment):
    criteria = {c.code: c for c in assessment.framework_version.criteria.all()}
    assert is_subcontractor_criterion(criteria["C8"])
    assert not is_subcontractor_criterion(criteria["C1"])


def test_the_c8_page_shows_the_register(org, qm, assessment, client_for):
    today = timezone.localdate()
    accepted = make_subcontractor(org, qm, name="Accepted", contract_value=Decimal("150000"))
    subcontractor_authority_record(
        subcontractor=accepted,
        today=today,
        by=qm,
        specified_authority="yes",
        authority_source="verified",
        authority_basis="schedule_6",
        authority_checked_on=today,
    )
    with tenant_scope(org):
        review_accept(review=submitted_review(accepted, qm), by=qm)
    make_subcontractor(
        org,
        qm,
        name="Late",
        risk_rating=RiskRating.HIGH,
        risk_reasons="Gaps.",
        next_review_date=today - timedelta(days=3),
    )
    make_subcontractor(org, qm, name="Maybe", status=SubcontractorStatus.PROSPECTIVE)
    page = html(client_for(qm).get(respond(assessment, "C8")))
    assert "Your subcontractor register" in page
    panel = page[page.index("Your subcontractor register") :]
    panel = panel[: panel.index("</section>")]
    numbers = {
        "active subcontractors": "2",
        "specified authority": "1",
        "review accepted in the last year": "1",
        "review overdue": "1",
        "high risk": "1",
    }
    for label, number in numbers.items():
        assert f'<span class="stat-number">{number}</span> {label}' in panel, label


def test_other_criteria_have_no_panel_and_no_extra_queries(org, qm, assessment, client_for):
    client = client_for(qm)
    assert "Your subcontractor register" not in html(client.get(respond(assessment, "C1")))

    def queries(code: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(respond(assessment, code)).status_code == 200
        return len(captured)

    c7, c8 = queries("C7"), queries("C8")
    assert c8 - c7 <= 2  # the panel's two queries (C7 and C8 have as many benchmarks)


def test_an_empty_register_invites_the_provider_to_fill_it(assessment, qm, client_for):
    page = html(client_for(qm).get(respond(assessment, "C8")))
    assert "There is nothing in your subcontractor register" in page
