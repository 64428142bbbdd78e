"""Search within the organisation: benchmarks, actions, evidence, subcontractors and people,
grouped by kind and linking to each; only the organisation's own and only what the role may
see; a few of each kind, in the same number of queries however much matches; full-text search
on PostgreSQL, "contains" elsewhere."""

import re
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.models import EvidenceItem, Sensitivity
from search import selectors
from search.selectors import PER_KIND, organisation_search
from tenancy.access import OrgAccess
from tenancy.roles import Perm
from tests.actionplans.factories import ActionFactory
from tests.assessments.helpers import start
from tests.evidence.factories import EvidenceItemFactory
from tests.factories import MembershipFactory
from tests.subcontractors.helpers import make_subcontractor

pytestmark = pytest.mark.django_db


def search_url(org) -> str:
    return reverse("search:results", kwargs={"org_slug": org.slug})


def page(client, org, q: str) -> str:
    reply = client.get(search_url(org), {"q": q})
    assert reply.status_code == 200
    return reply.content.decode()


def group(body: str, kind: str) -> list[str]:
    """The titles listed under one kind's heading (none if it is not there)."""
    match = re.search(rf'id="results-{kind}">.*?</ul>', body, re.S)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', match.group(0)) if match else []


@pytest.fixture
def world(org, other_org, qm, subscribed):
    start(org, subscribed, qm)
    EvidenceItemFactory(organisation=org, title="Kestrel policy", description="Board approved")
    EvidenceItemFactory(
        organisation=org,
        title="Kestrel concerns log",
        sensitivity=Sensitivity.RESTRICTED,
        owner=qm,
    )
    ActionFactory(organisation=org, title="Review the Kestrel route", owner=qm)
    make_subcontractor(org, qm, name="Kestrel Training Ltd")
    MembershipFactory(organisation=org, user__name="Kim Kestrel")
    EvidenceItemFactory(organisation=other_org, title="Kestrel plan of theirs")
    ActionFactory(organisation=other_org, title="Their Kestrel action")


def test_results_are_grouped_by_kind_and_link_to_each_object(org, world, qm, client_for):
    body = page(client_for(qm), org, "kestrel")
    assert group(body, "evidence") == ["Kestrel policy"]  # the restricted one: not for them
    assert group(body, "actions") == ["Review the Kestrel route"]
    assert group(body, "subcontractors") == ["Kestrel Training Ltd"]
    assert group(body, "people") == ["Kim Kestrel"]
    assert "theirs" not in body and "Their Kestrel" not in body
    assert f'href="/o/{org.slug}/evidence/' in body and f'href="/o/{org.slug}/actions/' in body
    benchmarks = group(page(client_for(qm), org, "senior leader"), "benchmarks")
    assert benchmarks == ["C1.1 A named senior leader owns Prevent."]
    assert "respond/?criterion=C1#response-" in page(client_for(qm), org, "senior leader")


def test_restricted_evidence_is_found_only_by_those_who_may_see_it(
    org, world, leader, contributor, viewer, client_for
):
    assert "Kestrel concerns log" in group(page(client_for(leader), org, "kestrel"), "evidence")
    for person in (contributor, viewer):
        assert group(page(client_for(person), org, "kestrel"), "evidence") == ["Kestrel policy"]


class Holder:
    """A role's view of the organisation, without the role table: `perms` are all it may do."""

    def __init__(self, organisation, *perms: Perm) -> None:
        self.organisation, self.perms = organisation, set(perms)

    def can(self, perm: Perm) -> bool:
        return perm in self.perms


def Access(organisation, *perms: Perm) -> OrgAccess:
    return cast(OrgAccess, Holder(organisation, *perms))


def test_each_kind_only_for_a_role_whose_page_shows_it(org, world):
    figures_only = Access(org, Perm.VIEW_ORGANISATION)
    kinds = [g.kind for g in organisation_search(access=figures_only, query="kestrel")]
    assert kinds == ["actions", "subcontractors"]  # no content, no people page
    everyone = Access(org, Perm.VIEW_ORGANISATION, Perm.VIEW_CONTENT, Perm.VIEW_MEMBERS)
    kinds = [g.kind for g in organisation_search(access=everyone, query="kestrel")]
    assert kinds == ["benchmarks", "actions", "evidence", "subcontractors", "people"]


def test_a_short_query_searches_nothing_and_says_so(org, world, qm, client_for):
    body = page(client_for(qm), org, "k")
    assert "Type at least two letters" in body and 'id="results-' not in body
    assert 'id="results-' not in page(client_for(qm), org, "")


def test_each_kind_is_bounded_in_the_same_queries_at_two_sizes(org, qm, client_for, subscribed):
    start(org, subscribed, qm)
    client = client_for(qm)
    for n in range(2):
        ActionFactory(organisation=org, title=f"Kestrel action {n}", owner=qm)
        EvidenceItemFactory(organisation=org, title=f"Kestrel record {n}")
    page(client, org, "kestrel")
    with CaptureQueriesContext(connection) as small:
        page(client, org, "kestrel")
    for n in range(2, 30):
        ActionFactory(organisation=org, title=f"Kestrel action {n}", owner=qm)
        EvidenceItemFactory(organisation=org, title=f"Kestrel record {n}")
    with CaptureQueriesContext(connection) as large:
        body = page(client, org, "kestrel")
    assert len(small) == len(large)
    assert len(group(body, "actions")) == len(group(body, "evidence")) == PER_KIND
    assert "add a word to narrow the search" in body
    assert f'href="/o/{org.slug}/evidence/?search=kestrel"' in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_matches_words_by_their_stem_and_ranks_them(org, world, qm):
    assert selectors.uses_full_text()
    access = Access(org, Perm.VIEW_ORGANISATION, Perm.VIEW_CONTENT)
    found = {
        g.kind: [h.title for h in g.hits]
        for g in organisation_search(access=access, query="policies")
    }
    assert found["evidence"] == ["Kestrel policy"]  # "policies" and "policy" share a stem
    found = {
        g.kind: [h.title for h in g.hits]
        for g in organisation_search(access=access, query="approving")
    }
    assert found["evidence"] == ["Kestrel policy"]  # from the description, "approved"


def test_elsewhere_words_are_found_as_part_of_any_field(org, world, qm, monkeypatch):
    monkeypatch.setattr(selectors, "uses_full_text", lambda: False)  # as on SQLite
    access = Access(org, Perm.VIEW_ORGANISATION, Perm.VIEW_CONTENT)
    found = {
        g.kind: [h.title for h in g.hits]
        for g in organisation_search(access=access, query="oard appr")
    }
    assert found["evidence"] == ["Kestrel policy"]
    assert found["actions"] == [] and found["subcontractors"] == []


def test_the_header_offers_the_search_box_on_organisation_pages(org, qm, client_for):
    body = client_for(qm).get(reverse("tenancy:org_home", kwargs={"org_slug": org.slug}))
    assert f'action="/o/{org.slug}/search/"' in body.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_evidence_match_can_use_its_gin_index(db):
    """evidence/migrations/0003 indexes the very expression the search writes (all rows: on a
    near-empty table the planner would otherwise pick the organisation's index)."""
    items = selectors.matching(
        EvidenceItem.unscoped.order_by("title"),
        "kestrel",
        words=["title", "description"],
        part=[],
    )
    sql, params = items.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "evidence_item_search_document" in plan
