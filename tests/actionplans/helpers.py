"""Small helpers shared by the action plan tests."""

import re

from django.urls import reverse

from assessments.models import Response
from tenancy.scope import tenant_scope


def url(name: str, org, **kwargs) -> str:
    return reverse(f"actionplans:{name}", kwargs={"org_slug": org.slug, **kwargs})


def action_url(name: str, action) -> str:
    return url(name, action.organisation, action_code=action.code)


def html(response) -> str:
    return response.content.decode()


def titles(response) -> list[str]:
    """The action titles in the plan table, in order."""
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html(response))


def response_of(assessment, benchmark_code: str) -> Response:
    with tenant_scope(assessment.organisation):
        return Response.objects.select_related("benchmark__criterion").get(
            assessment=assessment, benchmark__code=benchmark_code
        )
