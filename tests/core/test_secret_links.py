"""The one definition of a secret link and the one page saying a link does not work."""

from django.test import RequestFactory

from core.links import LinkProblem, hash_token, link_problem_response
from core.secret_links import TOKEN_LENGTHS, SecretLinkQuerySet, new_token


def test_a_new_token_is_long_random_and_only_its_hash_is_kept():
    token, token_hash = new_token()
    assert len(token) in TOKEN_LENGTHS
    assert token_hash == hash_token(token) and token not in token_hash
    assert new_token()[0] != token


def test_malformed_tokens_are_refused_before_any_query():
    # No database: a query would raise, so returning None proves none was made.
    queryset = SecretLinkQuerySet()
    for token in (None, "", "short", "x" * 200, 43):
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
