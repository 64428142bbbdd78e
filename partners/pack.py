"""The partner register as the evidence pack shows it: areas, partners by kind, last engagement
and what changed. No restricted material (none is held), and no personal data beyond staff names
and partner organisations: contacts' names, emails and phone numbers stay out of the pack."""

from datetime import date

from partners.selectors import YEAR, engagement_list, partner_summary
from tenancy.models import Organisation

PACK_ENGAGEMENTS = 30  # the most recent; the summary counts cover the whole year


def partners_pack_summary(*, organisation: Organisation, today: date) -> dict:
    engagements = engagement_list(organisation=organisation).filter(
        occurred_on__gt=today - YEAR, occurred_on__lte=today
    )
    return {
        "as_of": today,
        "summary": partner_summary(organisation=organisation, today=today),
        "engagements": list(engagements[:PACK_ENGAGEMENTS]),
    }
