"""Helpers shared by the tests of the respond page: its URLs, the form as the browser posts it,
and the parts of the HTML the tests read."""

import html
import re
from typing import Any

from django.urls import reverse

from assessments.models import Response
from tenancy.scope import tenant_scope
from tests.factories import MembershipFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def respond_url(assessment, criterion: str | None = None) -> str:
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    return f"{url}?criterion={criterion}" if criterion else url


def update_url(response: Response) -> str:
    assessment = response.assessment
    return reverse(
        "assessments:response_update",
        kwargs={
            "org_slug": assessment.organisation.slug,
            "assessment_code": assessment.code,
            "response_code": response.code,
        },
    )


def form_data(response: Response, revision: int | None = None, **fields) -> dict:
    """The response's form as the browser posts it: every name prefixed with r-<code>-."""
    values = {
        "revision": response.revision if revision is None else revision,
        "level": "",
        "confidence": "",
        "strengths": "",
        "improvements": "",
        **fields,
    }
    prefix = f"r-{response.code}"
    data = {}
    for name, value in values.items():
        if name == "not_applicable":
            if value:
                data[f"{prefix}-not_applicable"] = "on"
            continue
        data[f"{prefix}-{name}"] = value
    return data


def code(item: Any) -> str:
    """An evidence item's code as the picker posts it."""
    return str(item.code)


def text(response) -> str:
    return response.content.decode()


def response_of(assessment, code: str) -> Response:
    with tenant_scope(assessment.organisation):
        return (
            Response.objects.select_related("assessment__organisation", "benchmark")
            .prefetch_related("evidence")
            .get(assessment=assessment, benchmark__code=code)
        )


def oob_element(body: str, element_id: str) -> str:
    """The inner HTML of an out-of-band element of an htmx fragment."""
    match = re.search(rf'<div id="{element_id}" data-hx-swap-oob="true">(.*?)</div>', body, re.S)
    assert match, f"no out-of-band #{element_id} in:\n{body}"
    return match.group(1)


def input_tag(body: str, name: str, value: str) -> str:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="{value}"[^>]*>', body)
    assert match, f"no input {name}={value}"
    return match.group(0)


def textarea(body: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', body, re.S)
    assert match, f"no textarea {name}"
    return html.unescape(match.group(1)).strip()


def count_forms(body: str) -> int:
    return body.count('class="response-form"')


def member_of(org, role, name: str):
    return MembershipFactory(organisation=org, role=role, user__name=name).user
