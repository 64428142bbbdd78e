"""Every list is paginated: one page of rows however many there are, the same queries for 3 rows
as for 55, and page links that keep the list's filters and sort."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Action, ActionStatus
from core.pagination import PER_PAGE
from evidence.models import EvidenceItem, EvidenceKind
from reminders.models import Kind, Notification
from tests.actionplans.factories import ActionFactory
from tests.subcontractors.helpers import make_subcontractor

pytestmark = pytest.mark.django_db
MORE = PER_PAGE + 5


def add_actions(org, qm, start: int, count: int) -> None:
    for n in range(start, start + count):
        ActionFactory(organisation=org, owner=qm, title=f"Action {n:03d}", due_in=n - 10)


def add_evidence(org, qm, start: int, count: int) -> None:
    EvidenceItem.unscoped.bulk_create(
        EvidenceItem(
            organisation=org,
            title=f"Record {n:03d}",
            kind=EvidenceKind.LINK,
            url=f"https://example.org/{n}",
            owner=qm,
            effective_date="2026-01-01",
        )
        for n in range(start, start + count)
    )


def add_subcontractors(org, qm, start: int, count: int) -> None:
    for n in range(start, start + count):
        make_subcontractor(org, qm, name=f"Provider {n:03d} Ltd")


def add_notifications(org, qm, start: int, count: int) -> None:
    add_actions(org, qm, 1000 + start, count)
    actions = Action.unscoped.filter(organisation=org).order_by("-pk")[:count]
    Notification.unscoped.bulk_create(
        Notification(
            organisation=org,
            recipient=qm,
            kind=Kind.ACTION_DUE_SOON,
            action=a,
            due_date=a.due_date,
            dedupe_key=f"page:{a.pk}",
        )
        for a in actions
    )


@dataclass
class Listing:
    name: str
    path: Callable  # org -> path
    add: Callable  # (org, qm, start, count) -> None
    row: str  # a regex matching one row of the list
    filters: str  # a query string the page links must keep


LISTINGS = [
    Listing(
        "action plan",
        lambda org: reverse("actionplans:index", kwargs={"org_slug": org.slug}),
        add_actions,
        r'<th scope="row"><a href="/o/[^"]+/actions/',
        "status=open&sort=-title",
    ),
    Listing(
        "evidence",
        lambda org: reverse("evidence:list", kwargs={"org_slug": org.slug}),
        add_evidence,
        r'<th scope="row"><a href="/o/[^"]+/evidence/',
        "status=current",
    ),
    Listing(
        "register",
        lambda org: reverse("subcontractors:index", kwargs={"org_slug": org.slug}),
        add_subcontractors,
        r'<th scope="row"><a href="/o/[^"]+/subcontractors/',
        "status=active",
    ),
    Listing(
        "my work",
        lambda org: reverse("reporting:my_work", kwargs={"org_slug": org.slug}),
        add_actions,
        r'<li class="card action-card',
        "",
    ),
    Listing(
        "notifications",
        lambda org: reverse("reminders:list"),
        add_notifications,
        r'<li class="notification',
        "",
    ),
]


def rows(listing: Listing, client, path: str) -> int:
    page = client.get(path)
    assert page.status_code == 200, path
    return len(re.findall(listing.row, page.content.decode()))


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.name for listing in LISTINGS])
def test_a_list_shows_one_page_and_the_same_queries_whatever_its_length(
    listing, org, qm, client_for
):
    client = client_for(qm)
    path = listing.path(org)
    listing.add(org, qm, 0, 3)
    client.get(path)  # warm up per-process caches
    few = queries(client, path)
    assert rows(listing, client, path) == 3

    listing.add(org, qm, 3, MORE - 3)

    assert queries(client, path) == few
    assert rows(listing, client, path) == PER_PAGE
    assert rows(listing, client, f"{path}?page=2") == MORE - PER_PAGE
    assert rows(listing, client, f"{path}?page=99") == MORE - PER_PAGE  # the last page
    assert rows(listing, client, f"{path}?page=nonsense") == PER_PAGE  # the first page
    body = client.get(path).content.decode()
    assert f"Showing 1 to {PER_PAGE} of {MORE}" in body
    assert 'rel="next"' in body and 'aria-label="Pages of' in body


@pytest.mark.parametrize(
    "listing", [x for x in LISTINGS if x.filters], ids=[x.name for x in LISTINGS if x.filters]
)
def test_page_links_keep_the_filters_and_sort(listing, org, qm, client_for):
    listing.add(org, qm, 0, MORE)
    if listing.name == "action plan":
        Action.unscoped.filter(organisation=org).update(status=ActionStatus.IN_PROGRESS)
    client = client_for(qm)
    body = client.get(f"{listing.path(org)}?{listing.filters}").content.decode()
    expected = "?" + listing.filters.replace("&", "&amp;") + "&amp;page=2"
    assert f'href="{expected}"' in body, body[-3000:]
