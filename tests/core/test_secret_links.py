"""The one definition of a secret link and the one page saying a link does not work."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.links import LinkProblem, hash_token, link_problem_response
from core.secret_links import (
    EXPIRED,
    REVOKED,
    TOKEN_LENGTHS,
    live_q,
    new_token,
)
from reviewcalendar.models import CalendarFeed
from tenancy.scope import tenant_scope
from tests.factories import OrganisationFactory, UserFactory


def test_a_new_token_is_long_random_and_only_its_hash_is_kept():
    token, token_hash = new_token()
    assert len(token) in TOKEN_LENGTHS
    assert token_hash == hash_token(token) and token not in token_hash
    assert new_token()[0] != token


def test_malformed_tokens_are_refused_before_any_query():
    # No database: a query would raise, so returning None proves none was made.
    queryset = CalendarFeed.unscoped.all()
    for token in (None, "", "short", "x" * 200):
        assert queryset.for_token(token) is None


def test_the_problem_page_says_what_is_wrong_and_leaks_nothing():
    request = RequestFactory().get("/p/anything/")
    problem = LinkProblem(410, "This link has expired", "Ask {provider} for a new one.")
    response = link_problem_response(
        request, problem, provider="Riverside College", note="Links expire."
    )
    page = response.content.decode()
    assert response.status_code == 410
    assert "<h1>This link has expired</h1>" in page
    assert "Ask Riverside College for a new one." in page and "Links expire." in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="referrer" content="no-referrer">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "Sign in" not in page and 'href="/o/' not in page


def test_the_problem_page_can_offer_sign_in():
    request = RequestFactory().get("/invitations/x/y/")
    problem = LinkProblem(404, "This invitation link is not valid", "Ask again.")
    page = link_problem_response(request, problem, offer_sign_in=True).content.decode()
    assert ">Sign in</a> if you already have an account." in page


# The model, through a concrete subclass (CalendarFeed: the smallest, and it never expires).


@pytest.fixture
def feed_and_token(db):
    organisation = OrganisationFactory.create()
    user = UserFactory.create()
    token, token_hash = new_token()
    feed = CalendarFeed.unscoped.create(organisation=organisation, user=user, token_hash=token_hash)
    return feed, token


def test_a_link_is_found_by_its_token_in_any_state_and_live_only_while_it_works(feed_and_token):
    feed, token = feed_and_token
    links = CalendarFeed.unscoped
    assert links.for_token(token) == feed and links.live().for_token(token) == feed
    assert feed.is_live and feed.refusal is None  # no expiry: works until revoked
    assert links.for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None

    feed.expires_at = timezone.now() - timedelta(seconds=1)
    feed.save()
    assert feed.refusal == EXPIRED and not feed.is_live
    assert links.for_token(token) == feed and links.live().for_token(token) is None

    feed.expires_at = timezone.now() + timedelta(days=1)
    feed.save()
    assert links.live().for_token(token) == feed
    assert feed.revoke(by=feed.user)
    assert feed.refusal == REVOKED and links.live().for_token(token) is None
    assert CalendarFeed.unscoped.get(pk=feed.pk).revoked_by == feed.user


def test_revoking_twice_keeps_the_first_revocation(feed_and_token):
    feed, _ = feed_and_token
    assert feed.revoke()
    first = CalendarFeed.unscoped.get(pk=feed.pk).revoked_at
    assert not feed.revoke(by=feed.user)
    stored = CalendarFeed.unscoped.get(pk=feed.pk)
    assert stored.revoked_at == first and stored.revoked_by is None


def test_marking_a_use_writes_no_history(feed_and_token):
    feed, _ = feed_and_token
    before = feed.history.count()
    feed.mark_used()
    stored = CalendarFeed.unscoped.get(pk=feed.pk)
    assert stored.last_used_at is not None and stored.updated_at == feed.updated_at
    assert feed.history.count() == before


def test_live_q_is_the_same_rule_for_scoped_lists(feed_and_token):
    feed, _ = feed_and_token
    other = CalendarFeed.unscoped.create(
        organisation=OrganisationFactory.create(), user=feed.user, token_hash=new_token()[1]
    )
    with tenant_scope(feed.organisation):
        assert list(CalendarFeed.objects.filter(live_q())) == [feed]
        feed.revoke()
        assert not CalendarFeed.objects.filter(live_q()).exists()
    assert list(CalendarFeed.unscoped.live()) == [other]
