"""The registers as the evidence pack shows them: a dated summary, with no personal data beyond
staff names (external speakers are not named; a learner never appears in a register)."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q

from registers.models import RiskCategory, RiskStatus
from registers.selectors import (
    event_list,
    event_summary,
    incident_reviews,
    risk_list,
    risk_summary,
    sample_list,
)
from tenancy.models import Organisation

PACK_EVENTS = 40  # the most recent; the summary counts cover the whole year


def registers_pack_summary(*, organisation: Organisation, today: date) -> dict:
    year_ago = today - timedelta(days=365)
    risks = list(risk_list(organisation=organisation, status=RiskStatus.OPEN, today=today))
    by_category: dict[str, dict[str, Any]] = {
        c.value: {"label": c.label, "risks": []} for c in RiskCategory
    }
    for risk in risks:
        by_category[risk.category]["risks"].append(risk)
    reviews = incident_reviews(organisation=organisation, since=year_ago)
    events = list(
        event_list(organisation=organisation, today=today)
        .filter(event_date__gt=year_ago)
        .select_related("decided_by")[:PACK_EVENTS]
    )
    samples = list(sample_list(organisation=organisation)[:6])
    reviewed = risk_list(organisation=organisation, status="", today=today).aggregate(
        reviewed_in_year=Count("pk", filter=Q(last_reviewed_on__gte=year_ago))
    )
    return {
        "as_of": today,
        "risk": risk_summary(organisation=organisation, today=today) | reviewed,
        "risk_areas": [group for group in by_category.values() if group["risks"]],
        "incident_reviews": reviews.count(),
        "events": events,
        "event": event_summary(organisation=organisation, today=today),
        "samples": samples,
    }
