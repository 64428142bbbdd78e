"""A deactivated member is neither offered nor accepted as a self-evaluation's lead or as the
person a criterion is assigned to (the start form used to list every member, active or not)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.forms import AssignForm, StartAssessmentForm
from assessments.services import assignment_set
from frameworks.models import FrameworkVersion
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gone(org):
    return MembershipFactory(
        organisation=org, role=Role.QUALITY_MANAGER, user__is_active=False, user__name="Dee Parted"
    ).user


def test_the_start_form_neither_offers_nor_accepts_a_deactivated_lead(
    org, qm, gone, subscribed, client_for
):
    page = client_for(qm).get(reverse("assessments:new", kwargs={"org_slug": org.slug}))
    assert "Quinn Manager" in page.content.decode()
    assert "Dee Parted" not in page.content.decode()

    with tenant_scope(org):
        form = StartAssessmentForm(
            {"title": "2026/27", "framework_version": subscribed.pk, "lead": gone.pk},
            organisation=org,
            versions=FrameworkVersion.objects.filter(pk=subscribed.pk),
        )
        assert not form.is_valid()
    assert list(form.errors) == ["lead"]


def test_a_criterion_cannot_be_assigned_to_a_deactivated_member(org, qm, gone, subscribed):
    form = AssignForm({"criterion": "C1", "assignee": gone.pk}, organisation=org)
    assert not form.is_valid() and "assignee" in form.errors

    assessment = start(org, subscribed, qm)
    with tenant_scope(org):
        criterion = subscribed.criteria.get(code="C1")
        with pytest.raises(ValidationError, match="member of"):
            assignment_set(assessment=assessment, criterion=criterion, assignee=gone)
        assert not assessment.assignments.exists()


def test_the_service_refuses_a_deactivated_lead(org, gone, subscribed):
    with pytest.raises(ValidationError) as refused:
        start(org, subscribed, gone)
    assert "lead" in refused.value.message_dict
