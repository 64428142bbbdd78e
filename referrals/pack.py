"""The referral figures as the evidence pack shows them: the suppressed trend per term, never a
case, never an exact small figure (`referrals.suppression`)."""

from datetime import date

from referrals.selectors import public_trend
from tenancy.models import Organisation


def referrals_pack_summary(*, organisation: Organisation, today: date) -> dict:
    return {"as_of": today, "trend": public_trend(organisation=organisation, today=today)}
