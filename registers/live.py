"""The registers' live signals, registered with frameworks' registry when Django starts.

Each function answers for one organisation on one day, in one or two aggregate queries; its
warnings are what a strong self-evaluation level would contradict.
"""

from datetime import date

from django.utils.timesince import timesince

from frameworks.register_signals import Register, Signal, register_signal
from registers.base import STALE_AFTER
from registers.models import EventSample
from registers.selectors import event_summary, risk_summary
from registers.terms import previous_term, term_of

RISK_REGISTER = Register("risk_register", "Prevent risk register", "registers:risks")
EVENT_LOG = Register("event_log", "External speaker and event log", "registers:events")


def _ago(day: date, today: date) -> str:
    """ "14 months ago" rather than "1 year": the month is what tells a register is stale."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days < 60:
        return timesince(day, today, depth=1) + " ago"
    months = round(days / 30.44)
    return f"{months} months ago" if months < 24 else f"{months // 12} years ago"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@register_signal("risk_register.review", RISK_REGISTER)
def risk_register_review(*, organisation, today: date) -> Signal:
    s = risk_summary(organisation=organisation, today=today)
    warnings = []
    if not s["open"]:
        return Signal(
            "risk_register.review",
            RISK_REGISTER,
            "The risk register is empty.",
            ("There is no risk in the Prevent risk register.",),
        )
    last = s["last_reviewed"]
    if last is None:
        summary = "Risk register never reviewed"
        warnings.append("No risk in the register has been reviewed.")
    else:
        summary = f"Risk register last reviewed {_ago(last, today)}"
        if today - last > STALE_AFTER:
            warnings.append(f"The risk register was last reviewed {_ago(last, today)}.")
    if s["review_overdue"]:
        text = (
            _plural(s["review_overdue"], "risk is past its", "risks are past their")
            + " review date"
        )
        summary += f"; {text}"
        warnings.append(text[0].upper() + text[1:] + ".")
    return Signal("risk_register.review", RISK_REGISTER, summary + ".", tuple(warnings))


@register_signal("risk_register.actions", RISK_REGISTER)
def risk_register_actions(*, organisation, today: date) -> Signal:
    s = risk_summary(organisation=organisation, today=today)
    parts = [_plural(s["high"], "high risk", "high risks") + " after controls"]
    warnings = []
    if s["high_without_action"]:
        text = (
            _plural(s["high_without_action"], "high risk", "high risks")
            + " without a further action"
        )
        parts.append(text)
        warnings.append(text[0].upper() + text[1:] + ".")
    if s["high_action_not_raised"]:
        text = _plural(s["high_action_not_raised"], "further action", "further actions")
        parts.append(f"{text} for high risks not in the action plan")
        warnings.append(f"{text} for high risks not turned into owned actions.")
    if s["actions_overdue"]:
        text = _plural(s["actions_overdue"], "risk action", "risk actions") + " overdue"
        parts.append(text)
        warnings.append(text[0].upper() + text[1:] + ".")
    return Signal("risk_register.actions", RISK_REGISTER, "; ".join(parts) + ".", tuple(warnings))


@register_signal("risk_register.coverage", RISK_REGISTER)
def risk_register_coverage(*, organisation, today: date) -> Signal:
    s = risk_summary(organisation=organisation, today=today)
    missing = s["missing_areas"]
    if not missing:
        return Signal(
            "risk_register.coverage",
            RISK_REGISTER,
            f"{s['open']} open risks covering every area of the template.",
        )
    names = ", ".join(missing)
    return Signal(
        "risk_register.coverage",
        RISK_REGISTER,
        f"{s['open']} open risks; no risk recorded for {names}.",
        (f"The risk register has no risk for {names}.",),
    )


@register_signal("event_log.approvals", EVENT_LOG)
def event_log_approvals(*, organisation, today: date) -> Signal:
    s = event_summary(organisation=organisation, today=today)
    summary = (
        f"{_plural(s['total'], 'speaker or event', 'speakers and events')} in the last 12 months: "
        f"{s['approved']} approved, {s['with_conditions']} with conditions, {s['refused']} refused"
    )
    warnings = []
    if s["held_undecided"]:
        text = _plural(s["held_undecided"], "event", "events") + " took place without a decision"
        summary += f"; {text}"
        warnings.append(text[0].upper() + text[1:] + ".")
    if s["missing_outcome"]:
        text = _plural(s["missing_outcome"], "event has", "events have") + " no post-event note"
        summary += f"; {text}"
        warnings.append(text[0].upper() + text[1:] + ".")
    if not s["total"]:
        warnings.append("The log has no speaker or event in the last 12 months.")
    return Signal("event_log.approvals", EVENT_LOG, summary + ".", tuple(warnings))


@register_signal("event_log.sampling", EVENT_LOG)
def event_log_sampling(*, organisation, today: date) -> Signal:
    term = term_of(today)
    last_term = previous_term(term)
    samples = {
        s.term_start: s
        for s in EventSample.objects.for_organisation(organisation).filter(
            term_start__in=[term.start, last_term.start]
        )
    }
    current, previous = samples.get(term.start), samples.get(last_term.start)
    warnings = []
    if current is None:
        summary = f"No sample drawn yet for {term.label}"
    elif current.completed_at:
        summary = f"{term.label} sample verified"
    else:
        summary = f"{term.label} sample drawn, not yet verified"
    if previous is None:
        warnings.append(f"No leader's sample was drawn for {last_term.label}.")
        summary += f"; none for {last_term.label}"
    elif previous.completed_at is None:
        warnings.append(f"The {last_term.label} sample has not been verified.")
        summary += f"; {last_term.label} sample not verified"
    else:
        summary += f"; {last_term.label} verified"
    return Signal("event_log.sampling", EVENT_LOG, summary + ".", tuple(warnings))
