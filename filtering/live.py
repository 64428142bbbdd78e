"""The filtering and monitoring log's live signals, registered with frameworks' registry when
Django starts (the pattern of registers/live.py). Each answers in one or two queries."""

from datetime import date

from filtering.selectors import latest_review, monitoring_terms, test_summary
from frameworks.register_signals import Register, Signal, register_signal
from registers.live import _ago, _plural

FILTERING_LOG = Register("filtering_log", "IT filtering and monitoring log", "filtering:tests")


@register_signal("filtering_log.tests", FILTERING_LOG)
def filtering_log_tests(*, organisation, today: date) -> Signal:
    s = test_summary(organisation=organisation, today=today)
    last = s["last_tested"]
    if last is None:
        return Signal(
            "filtering_log.tests",
            FILTERING_LOG,
            "No filtering test recorded.",
            ("No test of the web filter is recorded: test it and record the results.",),
        )
    summary = f"Last filtering test {_ago(last, today)}"
    warnings = []
    if s["stale"]:
        warnings.append(
            f"The filter was last tested {_ago(last, today)}: test it at least once a year."
        )
    else:
        summary += (
            f"; {_plural(s['in_year'], 'test', 'tests')} on "
            f"{_plural(s['sites'], 'site or network', 'sites or networks')} in 12 months"
        )
    if s["failed_without_action"]:
        text = _plural(s["failed_without_action"], "test", "tests") + " with failures"
        summary += f"; {text} and no action in the plan"
        warnings.append(f"{text} not turned into an owned action.")
    return Signal("filtering_log.tests", FILTERING_LOG, summary + ".", tuple(warnings))


@register_signal("filtering_log.review", FILTERING_LOG)
def filtering_log_review(*, organisation, today: date) -> Signal:
    review = latest_review(organisation=organisation)
    if review is None:
        return Signal(
            "filtering_log.review",
            FILTERING_LOG,
            "No annual filtering and monitoring review recorded.",
            ("The annual filtering and monitoring review has not been recorded.",),
        )
    summary = f"Annual review {_ago(review.reviewed_on, today)}"
    warnings = []
    if review.next_review_date and review.next_review_date < today:
        summary += f"; next was due {review.next_review_date:%-d %B %Y}"
        warnings.append("The annual filtering and monitoring review is overdue.")
    if review.signed_off_at is None:
        summary += "; not signed off"
        warnings.append("The latest review has not been signed off by a senior leader.")
    else:
        summary += ", signed off"
    return Signal("filtering_log.review", FILTERING_LOG, summary + ".", tuple(warnings))


@register_signal("filtering_log.monitoring", FILTERING_LOG)
def filtering_log_monitoring(*, organisation, today: date) -> Signal:
    t = monitoring_terms(organisation=organisation, today=today)
    previous, last_term = t["previous"], t["last_term"]
    if previous is None:
        return Signal(
            "filtering_log.monitoring",
            FILTERING_LOG,
            f"Monitoring not recorded for {last_term.label}.",
            (f"No monitoring figures are recorded for {last_term.label}.",),
        )
    summary = (
        f"{last_term.label}: {_plural(previous.alerts_reviewed, 'alert', 'alerts')} reviewed, "
        f"{previous.escalated_to_dsl} escalated to the DSL, "
        + _plural(previous.false_positives, "false positive", "false positives")
    )
    if t["current"] is not None:
        summary += f"; {t['term'].label} recorded"
    return Signal("filtering_log.monitoring", FILTERING_LOG, summary + ".")
