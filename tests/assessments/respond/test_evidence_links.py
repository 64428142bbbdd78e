"""Linking evidence to a response: only the linked evidence on the page, the picker's search
(our own, unarchived, unlinked, at most twenty) and its constant query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.services import ResponseChange, response_save
from tenancy.scope import tenant_scope
from tests.assessments.respond.helpers import (
    HTMX,
    code,
    form_data,
    oob_element,
    respond_url,
    response_of,
    text,
    update_url,
)
from tests.evidence.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def test_evidence_of_another_organisation_cannot_be_linked(org, other_org, assessment, qm_client):
    own = EvidenceItemFactory(organisation=org, title="Our policy")
    theirs = EvidenceItemFactory(organisation=other_org, title="Southdale's policy")
    response = response_of(assessment, "C1.1")

    refused = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[code(theirs)]),
        **HTMX,
    )

    assert refused.status_code == 400
    error = oob_element(text(refused), f"error-{response.code}-evidence")
    assert "Choose evidence from your library" in error
    assert "Southdale" not in text(refused)
    stored = response_of(assessment, "C1.1")
    assert list(stored.evidence.all()) == []
    assert stored.revision == 0

    mixed = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[code(own), code(theirs)]),
        **HTMX,
    )
    assert mixed.status_code == 400
    assert list(response_of(assessment, "C1.1").evidence.all()) == []

    linked = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[code(own)]),
        **HTMX,
    )
    assert linked.status_code == 200
    assert list(response_of(assessment, "C1.1").evidence.all()) == [own]


def picker_search(client, assessment, response, q: str, linked=()) -> str:
    url = reverse("evidence:picker_search", kwargs={"org_slug": assessment.organisation.slug})
    field = f"r-{response.code}-evidence"
    reply = client.get(url, {"picker_q": q, "field": field, field: [str(c) for c in linked]})
    assert reply.status_code == 200
    return text(reply)


def test_the_page_lists_no_library_only_the_linked_evidence(org, member, assessment, qm_client):
    linked = EvidenceItemFactory(organisation=org, title="Our linked policy")
    EvidenceItemFactory(organisation=org, title="Our unlinked policy")
    response = response_of(assessment, "C1.1")
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(level=2, confidence="green", evidence=[linked]),
            expected_revision=response.revision,
            by=member,
        )

    body = text(qm_client.get(respond_url(assessment, "C1")))

    assert body.count("Our linked policy") == 1  # ticked in its own benchmark's picker
    assert re.search(rf'value="{code(linked)}"[^>]*checked', body)
    assert "Our unlinked policy" not in body
    assert body.count('<label for="search-') == 2  # each picker searches, with a label


def test_the_picker_finds_only_our_own_unarchived_unlinked_evidence(
    org, other_org, assessment, qm_client
):
    from django.utils import timezone

    current = EvidenceItemFactory(organisation=org, title="Our current policy")
    linked = EvidenceItemFactory(organisation=org, title="Our linked policy")
    EvidenceItemFactory(organisation=org, title="Our old policy", archived_at=timezone.now())
    EvidenceItemFactory(organisation=other_org, title="Southdale's policy")
    response = response_of(assessment, "C1.1")

    body = picker_search(qm_client, assessment, response, "policy", linked=[code(linked)])

    assert "Our current policy" in body
    assert f'name="r-{response.code}-evidence" value="{code(current)}"' in body
    assert "1 match" in body
    for absent in ("Our linked policy", "Our old policy", "Southdale"):
        assert absent not in body


def test_the_picker_shows_at_most_twenty_and_says_there_are_more(org, assessment, qm_client):
    for n in range(23):
        EvidenceItemFactory(organisation=org, title=f"Training record {n}")
    body = picker_search(qm_client, assessment, response_of(assessment, "C1.1"), "training")
    assert body.count('type="checkbox"') == 20
    assert "The first 20 matches" in body
    assert "No unlinked evidence matches" in picker_search(
        qm_client, assessment, response_of(assessment, "C1.1"), "nothing like this"
    )


def test_the_picker_refuses_an_unknown_field_name(org, assessment, qm_client):
    url = reverse("evidence:picker_search", kwargs={"org_slug": org.slug})
    reply = qm_client.get(url, {"picker_q": "policy", "field": '"><script>'})
    assert reply.status_code == 400


def test_the_picker_query_count_does_not_grow_with_the_library(org, assessment, qm_client):
    response = response_of(assessment, "C1.1")
    url = reverse("evidence:picker_search", kwargs={"org_slug": org.slug})
    field = f"r-{response.code}-evidence"
    EvidenceItemFactory(organisation=org, title="Policy 0")
    qm_client.get(url, {"picker_q": "policy", "field": field})
    with CaptureQueriesContext(connection) as small:
        qm_client.get(url, {"picker_q": "policy", "field": field})
    for n in range(30):
        EvidenceItemFactory(organisation=org, title=f"Policy {n + 1}")
    with CaptureQueriesContext(connection) as large:
        qm_client.get(url, {"picker_q": "policy", "field": field})
    assert len(small) == len(large)


def test_autosave_validates_only_the_evidence_it_was_sent(org, assessment, qm_client):
    for _ in range(5):
        EvidenceItemFactory(organisation=org)
    own = EvidenceItemFactory(organisation=org)
    response = response_of(assessment, "C1.1")
    with CaptureQueriesContext(connection) as captured:
        saved = qm_client.post(
            update_url(response),
            form_data(response, level="2", confidence="green", evidence=[code(own)]),
            **HTMX,
        )
    assert saved.status_code == 200
    reads = [q["sql"] for q in captured if "evidence_evidenceitem" in q["sql"].split("WHERE")[0]]
    assert reads and all("IN" in sql for sql in reads if "FROM" in sql and "SELECT" in sql)
