"""The OpenAPI schema is valid and covers every endpoint; its docs page runs under the strict
CSP from our own static files; every list costs the same queries at two sizes."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema

from actionplans.services import Progress, action_create, action_record_progress
from evidence.services import evidence_create
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.conftest import member_of
from tests.registers.conftest import make_event, make_risk
from tests.urlwalk import routes_of_kind

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_and_lists_every_endpoint(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    documented = {path.removeprefix("/api/v1/o/{org_slug}/") for path in schema["paths"]}
    routes = {r.route.removeprefix("api/v1/o/<slug:org_slug>/") for r in routes_of_kind("api")}
    assert len(documented) == len(routes) == 14
    assert schema["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
    listing = schema["paths"]["/api/v1/o/{org_slug}/actions/"]["get"]["responses"]["200"]
    assert listing["content"]["application/json"]["schema"]["$ref"].endswith("PaginatedActionList")


def test_the_docs_page_needs_no_inline_script_or_style_and_no_cdn(client):
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/?script=")

    html = page.content.decode()
    assert page.status_code == 200 and "script-src 'self'" in page["Content-Security-Policy"]
    assert (
        "<style" not in html
        and "<script>" not in html
        and "//" not in html.split("<body")[1].replace("</", "")
    )
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


def _grow(org, qm, n, today, assessment):
    owners = [member_of(org, Role.CONTRIBUTOR) for _ in range(3)]
    responses = list(assessment.responses.all())
    for i in range(n):
        with tenant_scope(org):
            item = evidence_create(
                organisation=org, by=qm, title=f"Policy {i}", kind="link", owner=qm,
                url=f"https://example.org/policy-{i}", effective_date=today,
            )  # fmt: skip
        responses[i % len(responses)].evidence.add(item)
        make_risk(org, qm, owner=owners[i % 3], risk=f"Risk {i}")
        make_event(org, owners[i % 3], speaker_name=f"Speaker {i}")
        with tenant_scope(org):
            action = action_create(
                organisation=org, title=f"Action {i}", owner=owners[i % 3], due_date=today, by=qm
            )
            action_record_progress(
                action=action, by=qm, progress=Progress(comment="Started", status="in_progress")
            )


LISTS = ["actions/", "registers/risks/", "registers/events/", "evidence/", "subcontractors/",
         "self-evaluations/"]  # fmt: skip


def _counts(writer, org, assessment) -> dict[str, int]:
    writer.get(f"/api/v1/o/{org.slug}/actions/")  # the key's "last used" is written at first use
    counts = {}
    for path in [*LISTS, f"self-evaluations/{assessment.code}/responses/"]:
        with CaptureQueriesContext(connection) as captured:
            response = writer.get(f"/api/v1/o/{org.slug}/{path}")
        assert response.status_code == 200, path
        counts[path] = len(captured)
    return counts


def test_every_list_costs_the_same_queries_at_two_sizes(org, qm, writer, subscribed):
    from tests.clock import days_from_today

    assessment = start(org, subscribed, qm)
    _grow(org, qm, 1, days_from_today(10), assessment)
    small = _counts(writer, org, assessment)
    _grow(org, qm, 4, days_from_today(10), assessment)
    large = _counts(writer, org, assessment)

    assert small == large, (small, large)


def test_restricted_evidence_is_never_listed_or_cited(org, qm, leader, reader, subscribed):
    from tests.clock import days_from_today

    assessment = start(org, subscribed, qm)
    with tenant_scope(org):
        hidden = evidence_create(
            organisation=org, by=leader, title="Case notes", kind="link", owner=leader,
            url="https://example.org/x", effective_date=days_from_today(0),
            sensitivity="restricted",
        )  # fmt: skip
    assessment.responses.all()[0].evidence.add(hidden)
    base = f"/api/v1/o/{org.slug}/"

    assert reader.get(base + "evidence/").json()["count"] == 0
    assert reader.get(base + f"evidence/{hidden.code}/").status_code == 404
    cited = reader.get(base + f"self-evaluations/{assessment.code}/responses/").json()
    assert all(str(hidden.code) not in r["evidence"] for r in cited["results"])
