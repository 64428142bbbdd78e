"""Helpers shared by the tests of the self-evaluation workflow pages."""

import html

from django.urls import reverse

from assessments.services import ResponseChange, response_save
from tenancy.scope import tenant_scope
from tests.factories import MembershipFactory


def url(name: str, assessment=None, org=None) -> str:
    if assessment is None:
        return reverse(f"assessments:{name}", kwargs={"org_slug": org.slug})
    return reverse(
        f"assessments:{name}",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def member_of(org, role, name: str):
    return MembershipFactory(organisation=org, role=role, user__name=name).user


def save(assessment, code: str, by, **change) -> None:
    with tenant_scope(assessment.organisation):
        response = assessment.responses.get(benchmark__code=code)
        response_save(
            response=response,
            change=ResponseChange(**change),
            expected_revision=response.revision,
            by=by,
        )
