"""The suppressed trend, the live signals and the query counts of the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.live import referral_figures_recorded, referral_figures_trend
from referrals.rules import recent_terms
from referrals.selectors import public_trend
from referrals.services import figures_record, site_create
from tenancy.scope import tenant_scope
from tests.referrals.conftest import counts

pytestmark = pytest.mark.django_db


def _record(org, dsl, today, ago, values, site=None):
    with tenant_scope(org):
        return figures_record(
            organisation=org,
            term=recent_terms(today)[ago],
            site=site,
            counts=counts(*values),
            today=today,
            by=dsl,
        )


def test_the_trend_sums_sites_and_suppresses_every_small_figure(org, dsl, frozen):
    with tenant_scope(org):
        a = site_create(organisation=org, name="A", by=dsl)
        b = site_create(organisation=org, name="B", by=dsl)
    _record(org, dsl, frozen, 1, (4, 2, 1, 0, 1), a)
    _record(org, dsl, frozen, 1, (3, 1, 0, 0, 0), b)
    _record(org, dsl, frozen, 2, (0, 0, 0, 0, 0))
    trend = public_trend(organisation=org, today=frozen)
    last, before = trend.terms[-2], trend.terms[-3]
    assert [c.text for c in last.cells] == [
        "7",
        "fewer than 5",
        "fewer than 5",
        "0",
        "fewer than 5",
    ]
    assert [c.chart for c in last.cells] == [7, None, None, 0, None]
    assert [c.text for c in before.cells] == ["0"] * 5
    assert trend.terms[-1].in_progress and not trend.terms[-1].recorded
    assert trend.terms[-1].cells[0].text == "not recorded"
    assert trend.last_term_recorded and trend.recorded_of_last_three == 2


def test_the_signals_say_what_is_missing_and_follow_the_rule(org, dsl, frozen):
    recorded = referral_figures_recorded(organisation=org, today=frozen)
    assert recorded.summary.startswith("Figures recorded for 0 of the last 3 terms")
    assert recorded.warnings == (
        f"No figures recorded for last term ({recent_terms(frozen)[1].label}).",
    )
    assert not referral_figures_trend(organisation=org, today=frozen).ok
    for ago, values in ((1, (6, 3, 1, 0, 1)), (2, (2, 0, 0, 0, 0)), (3, (9, 5, 2, 1, 2))):
        _record(org, dsl, frozen, ago, values)
    recorded = referral_figures_recorded(organisation=org, today=frozen)
    assert recorded.ok and recorded.summary == "Figures recorded for 3 of the last 3 terms."
    trend = referral_figures_trend(organisation=org, today=frozen).summary
    terms = recent_terms(frozen)
    assert f"{terms[1].label}: 6 concerns, fewer than 5 referrals" in trend
    assert f"{terms[2].label}: fewer than 5 concerns, 0 referrals" in trend
    assert f"{terms[3].label}: 9 concerns, 5 referrals" in trend


def _grow(org, dsl, today, n):
    with tenant_scope(org):
        sites = [
            site_create(organisation=org, name=f"Site {len(str(n))}-{i}", by=dsl) for i in range(n)
        ]
    for ago in range(1, 5):
        for site in sites:
            _record(org, dsl, today, ago, (5, 2, 1, 0, 1), site)


PAGES = ["referrals:index", "referrals:figures", "reporting:dashboard", "referrals:sites"]


def _queries(client, org):
    counts_by_page = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name, kwargs={"org_slug": org.slug})).status_code == 200
        counts_by_page[name] = len(ctx)
    return counts_by_page


def test_query_counts_do_not_grow_with_the_figures(org, dsl, frozen, client_for):
    client = client_for(dsl)
    _grow(org, dsl, frozen, 2)
    small = _queries(client, org)
    _grow(org, dsl, frozen, 12)
    assert _queries(client, org) == small
