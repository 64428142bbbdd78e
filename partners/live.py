"""The partner register's live signals, registered with frameworks' registry when Django starts.

Each answers for one organisation on one day from `partner_summary` (three queries); its
warnings are what a strong self-evaluation level on the partnership and "owning the duty"
benchmarks would contradict.
"""

from datetime import date, timedelta

from frameworks.register_signals import Register, Signal, register_signal
from partners.models import PartnerKind
from partners.selectors import partner_summary
from registers.live import _ago, _plural

PARTNERS = Register("partners", "Partners and advice log", "partners:index")
LA_STALE_AFTER = timedelta(days=365)  # contact at least yearly (criterion C3.1)


def _first_upper(text: str) -> str:
    return text[0].upper() + text[1:]


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _la_warnings(rows, today: date) -> list[str]:
    warnings = []
    for row in rows:
        cell = next(c for c in row.cells if c.kind == PartnerKind.LA_LEAD)
        if not cell.contacts:
            continue
        if cell.last is None:
            warnings.append(
                f"No contact with the local authority Prevent lead for {row.area.name} is recorded."
            )
        elif today - cell.last > LA_STALE_AFTER:
            months = round((today - cell.last).days / 30.44)
            warnings.append(
                f"No contact with the local authority Prevent lead for {row.area.name} "
                f"for {months} months."
            )
    return warnings


@register_signal("partners.contacts", PARTNERS)
def partners_contacts(*, organisation, today: date) -> Signal:
    s = partner_summary(organisation=organisation, today=today)
    rows = s["areas"]
    if not rows:
        return Signal(
            "partners.contacts",
            PARTNERS,
            "No delivery area or partner is recorded.",
            ("The partner register has no delivery area: add each area you deliver in.",),
        )
    summary = (
        f"{_plural(len(rows), 'delivery area', 'delivery areas')}, "
        f"{_plural(s['contacts'], 'current partner contact', 'current partner contacts')}"
    )
    summary += f"; last engagement {_ago(s['last'], today)}" if s["last"] else "; no engagement yet"
    warnings = [f"No partner recorded for delivery area {name}." for name in s["without_partner"]]
    for row in s["flagged"]:
        if row.area.name not in s["without_partner"]:
            missing = _list(row.missing)
            warnings.append(f"Delivery area {row.area.name} has no {missing} contact.")
    warnings += _la_warnings(rows, today)
    if s["flagged"]:
        areas = _plural(len(s["flagged"]), "area", "areas")
        summary += f"; {areas} missing a local authority or police contact"
    return Signal("partners.contacts", PARTNERS, summary + ".", tuple(warnings))


@register_signal("partners.briefings", PARTNERS)
def partners_briefings(*, organisation, today: date) -> Signal:
    s = partner_summary(organisation=organisation, today=today)
    n = s["briefings"]
    if not n:
        return Signal(
            "partners.briefings",
            PARTNERS,
            "No briefing received in the last 12 months.",
            (
                "No local risk briefing from a partner is recorded as received in the last "
                "12 months.",
            ),
        )
    summary = (
        f"{_plural(n, 'briefing', 'briefings')} received in the last 12 months; "
        f"{s['briefings_to_action']} led to an action"
    )
    if s["briefings_to_risk"]:
        summary += f", {s['briefings_to_risk']} changed a risk in the risk register"
    return Signal("partners.briefings", PARTNERS, summary + ".")


@register_signal("partners.advice", PARTNERS)
def partners_advice(*, organisation, today: date) -> Signal:
    s = partner_summary(organisation=organisation, today=today)
    n = s["advice"]
    if not n:
        return Signal(
            "partners.advice",
            PARTNERS,
            "No advice sought from partners logged in the last 12 months.",
            ("The advice log has no advice sought in the last 12 months.",),
        )
    summary = (
        f"{_plural(n, 'piece of advice', 'pieces of advice')} sought in the last 12 months; "
        f"{s['advice_led']} led to an action or a change in the risk register"
    )
    warnings = []
    untraced = n - s["advice_led"]
    if untraced:
        warnings.append(
            _first_upper(
                _plural(untraced, "piece of advice has", "pieces of advice have")
                + " no action or risk linked to show what was done."
            )
        )
    return Signal("partners.advice", PARTNERS, summary + ".", tuple(warnings))
