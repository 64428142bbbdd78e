"""Reads for the filtering and monitoring pages, each taking `organisation=`: one query per list,
one aggregate per summary."""

from datetime import date, timedelta

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from core.history import change_summaries
from filtering.models import FilteringReview, FilteringTest, MonitoringTerm, Result
from registers.base import STALE_AFTER
from registers.terms import previous_term, term_of
from tenancy.models import Organisation


def test_list(*, organisation: Organisation, result: str = "") -> QuerySet[FilteringTest]:
    rows = FilteringTest.objects.for_organisation(organisation).select_related(
        "organisation", "tested_by", "action__organisation", "action__owner"
    )
    return rows.filter(result=result) if result else rows


def monitoring_list(*, organisation: Organisation) -> QuerySet[MonitoringTerm]:
    return MonitoringTerm.objects.for_organisation(organisation).select_related("recorded_by")


def review_list(*, organisation: Organisation) -> QuerySet[FilteringReview]:
    return FilteringReview.objects.for_organisation(organisation).select_related(
        "organisation", "owner", "signed_off_by"
    )


def test_summary(*, organisation: Organisation, today: date) -> dict:
    """The last test, and the year's tests, failures and failures still without an action."""
    year_ago = today - timedelta(days=365)
    in_year = Q(tested_on__gt=year_ago)
    failed = Q(result=Result.SOME_FAILURES)
    figures = FilteringTest.objects.for_organisation(organisation).aggregate(
        last_tested=Max("tested_on"),
        in_year=Count("pk", filter=in_year),
        sites=Count("site", filter=in_year, distinct=True),
        failed_in_year=Count("pk", filter=in_year & failed),
        failed_without_action=Count("pk", filter=in_year & failed & Q(action=None)),
    )
    last = figures["last_tested"]
    figures["stale"] = last is None or today - last > STALE_AFTER
    return figures


def latest_review(*, organisation: Organisation) -> FilteringReview | None:
    return review_list(organisation=organisation).first()


def monitoring_terms(*, organisation: Organisation, today: date) -> dict:
    """This term's and last term's monitoring records (None where not recorded)."""
    term = term_of(today)
    last_term = previous_term(term)
    rows = {
        r.term_start: r
        for r in MonitoringTerm.objects.for_organisation(organisation).filter(
            term_start__in=[term.start, last_term.start]
        )
    }
    return {
        "term": term,
        "current": rows.get(term.start),
        "last_term": last_term,
        "previous": rows.get(last_term.start),
    }


def _total(name: str) -> Coalesce:
    return Coalesce(Sum(name), 0)


def monitoring_year(*, organisation: Organisation, today: date) -> dict:
    """Totals over the three terms before this one (a year of terms)."""
    terms = [previous_term(term_of(today))]
    while len(terms) < 3:
        terms.append(previous_term(terms[-1]))
    figures = (
        MonitoringTerm.objects.for_organisation(organisation)
        .filter(term_start__in=[t.start for t in terms])
        .aggregate(
            terms=Count("pk"),
            reviewed=_total("alerts_reviewed"),
            escalated=_total("escalated_to_dsl"),
            false_positives=_total("false_positives"),
            followed_up=_total("followed_up_by_staff"),
            rule_changes=_total("rule_changes"),
        )
    )
    return figures | {"since": terms[-1]}


def test_history(*, test: FilteringTest) -> list[dict]:
    return change_summaries(test, added=gettext("Recorded"))


def review_history(*, review: FilteringReview) -> list[dict]:
    return change_summaries(review, added=gettext("Recorded"))
