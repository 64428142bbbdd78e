"""The referral figures' live signals (registered with frameworks' registry at start-up).

They inform the benchmarks on board reporting and the referral process (C1.4, C6.6 in
framework 2026.3). Like every page but the DSL's, they show figures only through
`referrals.suppression.shown`.
"""

from datetime import date

from frameworks.register_signals import Register, Signal, register_signal
from referrals.selectors import public_trend

REFERRAL_FIGURES = Register(
    "referral_figures", "Prevent concern and referral figures", "referrals:index"
)


@register_signal("referral_figures.recorded", REFERRAL_FIGURES)
def referral_figures_recorded(*, organisation, today: date) -> Signal:
    trend = public_trend(organisation=organisation, today=today)
    n = trend.recorded_of_last_three
    summary = f"Figures recorded for {n} of the last 3 terms"
    warnings = []
    if not trend.last_term_recorded:
        summary += f"; none for {trend.last_term.label}"
        warnings.append(f"No figures recorded for last term ({trend.last_term.label}).")
    elif n < 3:
        warnings.append(f"Figures are missing for {3 - n} of the last 3 terms.")
    return Signal("referral_figures.recorded", REFERRAL_FIGURES, summary + ".", tuple(warnings))


@register_signal("referral_figures.trend", REFERRAL_FIGURES)
def referral_figures_trend(*, organisation, today: date) -> Signal:
    """Concerns and referrals per completed term, suppressed; no totals (see suppression)."""
    trend = public_trend(organisation=organisation, today=today)
    completed = [t for t in trend.terms if not t.in_progress and t.recorded][-3:]
    if not completed:
        return Signal(
            "referral_figures.trend",
            REFERRAL_FIGURES,
            "No concern or referral figures recorded for the last terms, so no trend.",
            ("The board cannot see a trend in Prevent concerns and referrals.",),
        )
    parts = [
        f"{t.label}: {t.cells[0].text} concerns, {t.cells[1].text} referrals" for t in completed
    ]
    summary = "; ".join(parts) + " (small numbers shown as “fewer than 5”)."
    return Signal("referral_figures.trend", REFERRAL_FIGURES, summary)
