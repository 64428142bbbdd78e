"""The isolation harness proves itself: a deliberately leaky view is caught."""

import pytest

from core.access import ORGANISATION
from tests.isolation import anonymous_problems, outsider_problems, url_values_for
from tests.urlwalk import KNOWN_KINDS, all_routes

CANARY = "tests.canary.urls"


@pytest.mark.urls(CANARY)
def test_leaky_view_is_caught_for_outsiders_and_anonymous(org, outsider, client, client_for):
    leaky = next(r for r in all_routes(CANARY) if r.name == "leaky")
    assert leaky.access_kind == ORGANISATION
    url = leaky.url(url_values_for(leaky, org))
    assert outsider_problems(client_for(outsider), url), "harness missed a leak to an outsider"
    assert anonymous_problems(client, url), "harness missed a leak to an anonymous visitor"


def test_unclassified_view_is_caught():
    unclassified = next(r for r in all_routes(CANARY) if r.name == "unclassified")
    assert unclassified.access_kind not in KNOWN_KINDS


def test_unknown_object_keyword_is_reported(org):
    from tests.urlwalk import Route

    route = Route(
        route="o/<slug:org_slug>/things/<uuid:thing_code>/",
        name="x",
        view=None,
        kwargs=("org_slug", "thing_code"),
    )
    with pytest.raises(AssertionError, match="url_kwarg"):
        url_values_for(route, org)
