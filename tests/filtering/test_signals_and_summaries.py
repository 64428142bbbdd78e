"""The log's live signals (on C7.2-C7.4 of framework 2026.3), its calendar entry and its pack
section, on a frozen day."""

from datetime import timedelta

import pytest
from django.urls import reverse

from filtering.pack import filtering_pack_summary
from filtering.services import filtering_review_sign_off
from frameworks.library import parse_library_text
from frameworks.register_signals import signals_for
from frameworks.services import LIBRARY_DIR
from registers.terms import previous_term, term_of
from reviewcalendar.selectors import EntryKind, calendar_entries
from tenancy.scope import tenant_scope
from tests.clock import TODAY
from tests.filtering.conftest import make_monitoring, make_review, make_test

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
KEYS = ["filtering_log.tests", "filtering_log.review", "filtering_log.monitoring"]


def _signals(org):
    return signals_for(org, KEYS, TODAY)


def test_the_it_benchmarks_name_the_signals_and_say_what_changed():
    data = parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text())
    benchmarks = {b["code"]: b for c in data["criteria"] for b in c["benchmarks"]}
    assert benchmarks["C7.2"]["signals"] == ["filtering_log.tests", "filtering_log.review"]
    assert benchmarks["C7.3"]["signals"] == ["filtering_log.monitoring", "filtering_log.review"]
    assert benchmarks["C7.4"]["signals"] == ["filtering_log.tests"]
    assert all("filtering and monitoring log" in benchmarks[c]["changes"] for c in ("C7.2", "C7.3"))


def test_an_empty_log_warns_on_every_signal(org):
    signals = _signals(org)
    assert all(not s.ok for s in signals.values())
    assert signals["filtering_log.tests"].summary == "No filtering test recorded."
    last_term = previous_term(term_of(TODAY))
    assert signals["filtering_log.monitoring"].summary == (
        f"Monitoring not recorded for {last_term.label}."
    )


def test_a_test_14_months_ago_is_stale_and_says_so(org, qm):
    make_test(org, qm, days_ago=426)
    signal = _signals(org)["filtering_log.tests"]
    assert signal.summary == "Last filtering test 14 months ago."
    assert signal.warnings == (
        "The filter was last tested 14 months ago: test it at least once a year.",
    )


def test_a_recent_test_is_up_to_date_unless_a_failure_has_no_action(org, qm):
    make_test(org, qm, days_ago=20)
    make_test(org, qm, days_ago=40, site="Guest Wi-Fi", failed=True, action=True)
    signal = _signals(org)["filtering_log.tests"]
    assert signal.ok
    assert "2 tests on 2 sites or networks in 12 months" in signal.summary
    make_test(org, qm, days_ago=5, site="Staff network", failed=True)
    signal = _signals(org)["filtering_log.tests"]
    assert signal.warnings == ("1 test with failures not turned into an owned action.",)


def test_the_review_warns_until_signed_off_and_again_when_overdue(org, qm, leader):
    review = make_review(org, qm, days_ago=30, owner=leader)
    assert _signals(org)["filtering_log.review"].warnings == (
        "The latest review has not been signed off by a senior leader.",
    )
    with tenant_scope(org):
        filtering_review_sign_off(review=review, by=leader)
    assert _signals(org)["filtering_log.review"].ok
    make_review(org, qm, days_ago=380, next_review_date=TODAY - timedelta(days=20))
    assert _signals(org)["filtering_log.review"].ok  # the latest review counts, not an older one
    with tenant_scope(org):
        review.next_review_date = TODAY - timedelta(days=1)
        review.save()
    signal = _signals(org)["filtering_log.review"]
    assert "The annual filtering and monitoring review is overdue." in signal.warnings


def test_monitoring_recorded_last_term_is_up_to_date(org, qm):
    last_term = previous_term(term_of(TODAY))
    make_monitoring(org, qm, last_term, reviewed=40, escalated=2, false_positives=1)
    signal = _signals(org)["filtering_log.monitoring"]
    assert signal.ok
    assert signal.summary == (
        f"{last_term.label}: 40 alerts reviewed, 2 escalated to the DSL, 1 false positive."
    )


def test_signals_cost_the_same_queries_at_two_sizes(org, qm, django_assert_num_queries):
    def grow(n):
        for i in range(n):
            make_test(
                org, qm, days_ago=10 + i, site=f"Site {i}", failed=i % 2 == 0, action=i % 4 == 0
            )
            make_review(org, qm, days_ago=20 + i)

    grow(2)
    with django_assert_num_queries(3):
        _signals(org)
    grow(8)
    with django_assert_num_queries(3):
        _signals(org)


def test_only_the_latest_reviews_next_date_is_in_the_calendar(org, qm, leader):
    make_review(org, qm, days_ago=400, next_review_date=TODAY - timedelta(days=36))
    latest = make_review(org, qm, days_ago=30, owner=leader)
    entries = calendar_entries(
        organisation=org,
        start=TODAY - timedelta(days=60),
        end=TODAY + timedelta(days=400),
        kinds={EntryKind.FILTERING_REVIEW},
    )
    assert [(e.day, e.person) for e in entries] == [(latest.next_review_date, leader.display_name)]
    assert entries[0].path == reverse(
        "filtering:review", kwargs={"org_slug": org.slug, "filtering_review_code": latest.code}
    )


def test_the_pack_summary_gives_the_last_test_review_and_monitoring(org, qm, leader):
    make_test(org, qm, days_ago=20)
    make_test(org, qm, days_ago=50, failed=True, action=True)
    make_test(org, qm, days_ago=400)
    make_review(org, qm, owner=leader)
    make_monitoring(org, qm, previous_term(term_of(TODAY)), reviewed=40, escalated=2)
    with tenant_scope(org):
        pack = filtering_pack_summary(organisation=org, today=TODAY)
    assert pack["tests"]["last_tested"] == TODAY - timedelta(days=20)
    assert (pack["tests"]["in_year"], pack["tests"]["failed_in_year"]) == (2, 1)
    assert pack["tests"]["failed_without_action"] == 0
    assert pack["review"].owner == leader
    assert (pack["monitoring"]["reviewed"], pack["monitoring"]["escalated"]) == (40, 2)
    assert len(pack["recent_tests"]) == 3
