"""Small-number suppression: the one rule for every referral figure shown outside the DSL's page.

- 0 is shown as 0: nobody can be identified from "none".
- 1 to 4 are shown as "fewer than 5": a small count can point to a learner in a small provider.
- 5 and over are shown as they are.
- No total is shown outside the DSL's page (not across terms, not across sites, not a share of
  another figure): a total next to its parts would let a suppressed part be worked out by
  subtraction. Each term's figure is already the sum over its sites, and the sites themselves
  are only on the DSL's page.

The DSL's own page (`Perm.RECORD_REFERRAL_FIGURES`) shows the exact figures; everything else
(the figures page for other members, the dashboard, the evidence pack, the account manager's
cockpit, the live signals on the respond page) goes through `shown`.
"""

from django.utils.translation import gettext, gettext_lazy

THRESHOLD = 5
SUPPRESSED = gettext_lazy("fewer than 5")
NOT_RECORDED = gettext_lazy("not recorded")


def rule() -> str:
    """The rule in words, in the active language."""
    return gettext(
        "Figures from 1 to %(highest)s are shown as “%(suppressed)s”, so that a small number "
        "cannot point to a learner; 0 is shown as 0. No totals are shown, so a hidden figure "
        "cannot be worked out by subtraction. Only the designated safeguarding lead sees the "
        "exact figures."
    ) % {"highest": THRESHOLD - 1, "suppressed": SUPPRESSED}


def is_suppressed(count: int | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


def shown(count: int | None) -> str:
    """A count as anyone but the DSL may see it; None (no figures for the term) as such."""
    if count is None:
        return str(NOT_RECORDED)
    if count < 0:
        raise ValueError("A count cannot be negative.")
    if is_suppressed(count):
        return str(SUPPRESSED)
    return str(count)


def chart_value(count: int | None) -> int | None:
    """What a chart may draw: the count, or None when it must not be drawn to scale."""
    if count is None or is_suppressed(count):
        return None
    return count
