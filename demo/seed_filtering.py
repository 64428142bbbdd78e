"""Demo IT filtering and monitoring logs.

Riverside College tests its filter each term on three networks with SWGfL Test Filtering; one
test ten months ago found self-harm sites reachable on the guest Wi-Fi, which became an action
(now done). Its monitoring is recorded for every recent term and its annual review, five months
ago, is signed off by the senior leader. Northfield Training last tested 14 months ago (one
failure 20 months ago, on the apprentices' laptops off site, became an action), has no
monitoring figures for last term and its annual review, 13 months ago, is overdue: the C7
signals on its respond page say so.

Dates are relative to today. Idempotent: a provider that already has tests is left alone.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from actionplans.models import ActionStatus
from actionplans.services import Progress, action_record_progress
from demo.helpers import backdate, person
from filtering.models import Category, FilteringTest, Outcome, Result, Tool
from filtering.services import (
    ActionRequest,
    MonitoringCounts,
    ReviewEntry,
    TestEntry,
    filtering_review_record,
    filtering_review_sign_off,
    filtering_test_record,
    monitoring_record,
)
from registers.base import a_year_after
from registers.terms import previous_term, term_of
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

CORE = [Category.CSAM, Category.TERRORISM, Category.EXTREMISM, Category.ADULT]
FULL = [*CORE, Category.SELF_HARM, Category.GAMBLING, Category.DRUGS, Category.BYPASS]


@dataclass(frozen=True)
class Failure:
    failures: str
    action_taken: str
    done_after_days: int


@dataclass(frozen=True)
class TestSpec:
    days_ago: int
    site: str
    categories: list
    tool: str = Tool.SWGFL
    failure: Failure | None = None


GUEST_FAILURE = Failure(
    "Two self-harm and suicide test sites loaded on the guest Wi-Fi; the learner and staff "
    "networks blocked them.",
    "Ticket raised with the filtering provider the same day; the guest network moved onto the "
    "learner policy.",
    21,
)
LAPTOP_FAILURE = Failure(
    "Loaned apprentice laptops used at home reached a proxy site and one extremist forum: the "
    "filter only applied on the office network.",
    "Laptops recalled at the next review visit; the provider asked to quote for device-level "
    "filtering.",
    45,
)

RIVERSIDE_SITES = ("Main campus learner Wi-Fi", "Staff network", "Guest Wi-Fi")
RIVERSIDE_TESTS = [
    TestSpec(days_ago + offset, site, FULL if site != "Staff network" else CORE)
    for days_ago in (30, 150, 270, 390, 510, 630)
    for offset, site in enumerate(RIVERSIDE_SITES)
    if not (days_ago == 270 and site == "Guest Wi-Fi")
] + [TestSpec(272, "Guest Wi-Fi", FULL, failure=GUEST_FAILURE)]

NORTHFIELD_TESTS = [
    TestSpec(425, "Head office network", FULL),
    TestSpec(426, "Apprentice loan laptops", FULL, tool=Tool.PROVIDER),
    TestSpec(610, "Apprentice loan laptops", CORE, failure=LAPTOP_FAILURE),
    TestSpec(611, "Head office network", CORE),
    TestSpec(730, "Head office network", CORE, tool=Tool.MANUAL),
]

# alerts reviewed, escalated to the DSL, false positives, followed up by staff, rule changes
RIVERSIDE_TERMS = [(412, 6, 171, 88, 3), (365, 4, 160, 71, 1), (298, 5, 140, 60, 2)] * 2
NORTHFIELD_TERMS = [(38, 1, 22, 6, 1), (31, 0, 19, 4, 0), (27, 1, 15, 5, 1)]
CHANGES = "Added the local authority's updated keyword list to the monitoring system."


def _tests(organisation: Organisation, specs: list[TestSpec], today: date) -> int:
    qm = person(organisation, "qm")
    for spec in specs:
        day = today - timedelta(days=spec.days_ago)
        failure = spec.failure
        test = filtering_test_record(
            organisation=organisation,
            by=qm,
            entry=TestEntry(
                tested_on=day,
                site=spec.site,
                tool=spec.tool,
                categories=list(spec.categories),
                result=Result.SOME_FAILURES if failure else Result.ALL_BLOCKED,
                failures=failure.failures if failure else "",
                action_taken=failure.action_taken if failure else "",
                tested_by=qm,
            ),
            raise_action=ActionRequest(owner=qm, due_date=day + timedelta(days=30))
            if failure
            else None,
        )
        backdate(test, created_at=timezone.now() - timedelta(days=spec.days_ago))
        if failure and test.action:
            action_record_progress(
                action=test.action,
                by=qm,
                progress=Progress(
                    comment="Retested the network: every category now blocked.",
                    status=ActionStatus.DONE,
                    completed_on=day + timedelta(days=failure.done_after_days),
                ),
            )
    return len(specs)


def _monitoring(organisation: Organisation, rows: list[tuple], today: date, skip_last: bool):
    qm = person(organisation, "qm")
    term = previous_term(term_of(today))
    if skip_last:
        term = previous_term(term)
    for reviewed, escalated, false_positives, followed_up, rule_changes in rows:
        monitoring_record(
            organisation=organisation,
            by=qm,
            term=term,
            counts=MonitoringCounts(
                reviewed,
                escalated,
                false_positives,
                followed_up,
                rule_changes,
                CHANGES if rule_changes > 1 else "",
            ),
        )
        term = previous_term(term)


RIVERSIDE_REVIEW = (
    "Guest Wi-Fi moved onto the learner filtering policy; monitoring alerts now go to the DSL "
    "team's shared inbox as well as the DSL; termly tests on every network."
)
NORTHFIELD_REVIEW = (
    "Device-level filtering bought for the apprentice loan laptops; the director now receives "
    "the termly monitoring figures; tests on the laptops as well as the office network."
)


def _review(organisation: Organisation, today: date, days_ago: int, governor: str, changes: str):
    leader = person(organisation, "leader")
    reviewed_on = today - timedelta(days=days_ago)
    review = filtering_review_record(
        organisation=organisation,
        by=person(organisation, "qm"),
        entry=ReviewEntry(
            reviewed_on=reviewed_on,
            owner=leader,
            governor_name=governor,
            outcome=Outcome.MEETS_WITH_CHANGES,
            changes=changes,
            next_review_date=a_year_after(reviewed_on),
        ),
    )
    filtering_review_sign_off(review=review, by=leader)
    signed = timezone.now() - timedelta(days=days_ago - 3)
    backdate(review, created_at=signed - timedelta(days=3), signed_off_at=signed)


def seed_filtering() -> list[str]:
    made = 0
    today = timezone.localdate()
    for slug, key in (("northfield-training", "northfield"), ("riverside-college", "riverside")):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if FilteringTest.objects.exists():
                continue
            if key == "riverside":
                made += _tests(organisation, RIVERSIDE_TESTS, today)
                _monitoring(organisation, RIVERSIDE_TERMS, today, skip_last=False)
                _review(
                    organisation,
                    today,
                    150,
                    "Helen Marsh (safeguarding governor)",
                    RIVERSIDE_REVIEW,
                )
            else:
                made += _tests(organisation, NORTHFIELD_TESTS, today)
                _monitoring(organisation, NORTHFIELD_TERMS, today, skip_last=True)
                _review(organisation, today, 395, "Robert Ainsley (director)", NORTHFIELD_REVIEW)
    return [f"Filtering and monitoring logs: {made} tests added"]
