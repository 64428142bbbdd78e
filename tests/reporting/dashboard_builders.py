"""Data for the dashboard and cockpit tests: a small framework, self-evaluations, actions and
evidence, built through the services and factories the rest of the suite uses."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import ActionStatus
from assessments.models import Assessment, Status
from assessments.services import ResponseChange, response_save
from frameworks.models import Framework, FrameworkVersion
from frameworks.services import framework_load, subscription_set
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import start
from tests.evidence.factories import EvidenceItemFactory
from tests.frameworks.sample import SAMPLE


def sample_version() -> FrameworkVersion:
    existing = FrameworkVersion.objects.filter(framework__slug="sample-framework").first()
    if existing:
        return existing
    version, _ = framework_load(text=SAMPLE)
    return version


def subscribe(organisation) -> FrameworkVersion:
    version = sample_version()
    subscription_set(
        organisation=organisation, frameworks=[Framework.objects.get(slug="sample-framework")]
    )
    return version


def rate(assessment: Assessment, user, ratings: dict[str, tuple]) -> None:
    """ratings: benchmark code -> (level, confidence) or "na"."""
    with tenant_scope(assessment.organisation):
        for response in assessment.responses.select_related("benchmark"):
            rating = ratings.get(response.benchmark.code)
            if rating is None:
                continue
            if rating == "na":
                change = ResponseChange(not_applicable=True, na_justification="We have none.")
            else:
                level, confidence = rating
                change = ResponseChange(
                    level=level,
                    confidence=confidence,
                    strengths="Staff know the referral route well.",
                    improvements="Extend the refresher to new starters.",
                )
            response_save(
                response=response, change=change, expected_revision=response.revision, by=user
            )


def cycle(organisation, user, title: str, ratings: dict, days_ago: int = 0, due_in=None):
    """A self-evaluation rated as given, created `days_ago` days ago, due in `due_in` days."""
    assessment = start(organisation, sample_version(), user, title=title)
    rate(assessment, user, ratings)
    changes = {}
    if days_ago:
        changes["created_at"] = timezone.now() - timedelta(days=days_ago)
    if due_in is not None:
        changes["due_date"] = timezone.localdate() + timedelta(days=due_in)
    if changes:
        Assessment.unscoped.filter(pk=assessment.pk).update(**changes)
        assessment.refresh_from_db()
    return assessment


def mark_submitted(assessment: Assessment) -> None:
    Assessment.unscoped.filter(pk=assessment.pk).update(
        status=Status.SUBMITTED, submitted_at=timezone.now()
    )


def criterion(code: str):
    return sample_version().criteria.get(code=code)


def actions(organisation, owners, count: int, criteria=()) -> None:
    """`count` actions spread over statuses, owners and criteria; every fourth one overdue."""
    statuses = [
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.BLOCKED,
        ActionStatus.DONE,
    ]
    for n in range(count):
        status = statuses[n % len(statuses)]
        ActionFactory(
            organisation=organisation,
            owner=owners[n % len(owners)] if owners else None,
            criterion=criteria[n % len(criteria)] if criteria else None,
            status=status,
            due_in=-5 if n % 4 == 0 else 10 + n,
        )


def evidence(organisation, count: int) -> None:
    """`count` evidence items: every third expiring soon, every third expired."""
    today = timezone.localdate()
    for n in range(count):
        valid_until = [today + timedelta(days=10), today - timedelta(days=3), None][n % 3]
        EvidenceItemFactory(
            organisation=organisation,
            effective_date=today - timedelta(days=30),
            valid_until=valid_until,
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def subcontractor(organisation, name: str, *, risk: str = "low", status: str = "active", **extra):
    """A register entry (the subcontractors app must be installed)."""
    from decimal import Decimal

    from subcontractors.models import FundingStream, Subcontractor

    number = Subcontractor.unscoped.count() + 1
    return Subcontractor.unscoped.create(
        organisation=organisation,
        name=name,
        ukprn=f"1{number + 5000000:07d}",
        contact_name="Casey Contact",
        contact_email="casey@subcontractor.example",
        prevent_lead_name="Pat Lead",
        prevent_lead_email="pat@subcontractor.example",
        funding_stream=FundingStream.OTHER,
        contract_value=Decimal("50000"),
        status=status,
        risk_rating=risk,
        risk_reasons="" if risk == "low" else "Learners in higher-risk settings.",
        **extra,
    )


def subcontractors(organisation, count: int) -> None:
    """`count` subcontractors over the risk ratings; every other one has its review overdue."""
    today = timezone.localdate()
    for n in range(count):
        subcontractor(
            organisation,
            f"Subcontractor {organisation.pk}-{n}",
            risk=["low", "medium", "high"][n % 3],
            next_review_date=today + timedelta(days=-10 if n % 2 == 0 else 60),
        )
