"""The respond, viewer and summary pages' query counts do not grow with the library, the
answers or the benchmarks."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.services import framework_load
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.assessments.respond.helpers import count_forms, respond_url, text
from tests.evidence.factories import EvidenceItemFactory
from tests.frameworks.sample import sample

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200, url
    return len(captured)


def test_the_respond_page_query_count_does_not_grow_with_the_library_or_the_answers(
    org, member, assessment, qm_client
):
    library = [EvidenceItemFactory(organisation=org) for _ in range(3)]
    url = respond_url(assessment, "C1")
    qm_client.get(url)  # warm up per-process caches (content types, sites)
    baseline = queries_for(qm_client, url)

    library += [EvidenceItemFactory(organisation=org) for _ in range(27)]
    page = text(qm_client.get(url))
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"', page)) == 0
    assert queries_for(qm_client, url) == baseline

    # Every benchmark answered, each with ten evidence links: still the same.
    answer_all(assessment, member, evidence=library[:10])
    assert queries_for(qm_client, url) == baseline
    page = text(qm_client.get(url))
    # Only the linked items are on the page: ten ticked in each of the two benchmarks' pickers.
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"[^>]*checked', page)) == 20
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"', page)) == 20


def test_the_respond_page_query_count_does_not_grow_with_benchmarks_per_criterion(
    org, member, client_for
):
    from frameworks.models import Framework
    from frameworks.services import subscription_set

    extra = "".join(
        f"      - code: C1.{n}\n        text: Extra benchmark {n}.\n" for n in range(3, 7)
    )
    wide, _ = framework_load(text=sample("2.0", **{"  - code: C2\n": extra + "  - code: C2\n"}))
    subscription_set(organisation=org, frameworks=[Framework.objects.get(slug="sample-framework")])
    assessment = start(org, wide, member)
    for _ in range(5):
        EvidenceItemFactory(organisation=org)
    client = client_for(member)
    client.get(respond_url(assessment, "C1"))

    one = queries_for(client, respond_url(assessment, "C2"))
    six = queries_for(client, respond_url(assessment, "C1"))

    assert count_forms(text(client.get(respond_url(assessment, "C1")))) == 6
    assert count_forms(text(client.get(respond_url(assessment, "C2")))) == 1
    assert six == one


def test_the_viewer_page_query_count_does_not_grow_with_linked_evidence(
    org, member, readonly_member, assessment, client_for
):
    client = client_for(readonly_member)
    url = respond_url(assessment, "C1")
    client.get(url)
    baseline = queries_for(client, url)
    library = [EvidenceItemFactory(organisation=org) for _ in range(12)]
    answer_all(assessment, member, evidence=library)
    assert queries_for(client, url) == baseline


def summary_url(assessment) -> str:
    return reverse(
        "assessments:summary",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def test_the_summary_query_count_does_not_grow_with_answers_or_evidence(
    org, member, assessment, subscribed, qm_client
):
    url = summary_url(assessment)
    qm_client.get(url)
    unanswered = queries_for(qm_client, url)

    library = [EvidenceItemFactory(organisation=org) for _ in range(3)]
    answer_all(assessment, member, level=3, confidence="amber", evidence=library)
    with_three = queries_for(qm_client, url)

    library += [EvidenceItemFactory(organisation=org) for _ in range(27)]
    with tenant_scope(org):
        for response in assessment.responses.all():
            response.evidence.set(library)
    with_thirty = queries_for(qm_client, url)

    # Other assessments of the organisation, fully answered, change nothing either.
    for n in range(2):
        other = start(org, subscribed, member, title=f"Earlier cycle {n}")
        answer_all(other, member, evidence=library)
    with_others = queries_for(qm_client, url)

    assert unanswered == with_three == with_thirty == with_others
