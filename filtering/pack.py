"""The filtering and monitoring log as the evidence pack shows it: counts, dates and states,
staff names only (the pattern of registers/pack.py)."""

from datetime import date

from filtering.selectors import (
    latest_review,
    monitoring_list,
    monitoring_year,
    test_list,
    test_summary,
)
from tenancy.models import Organisation

PACK_TESTS = 6
PACK_TERMS = 3


def filtering_pack_summary(*, organisation: Organisation, today: date) -> dict:
    return {
        "as_of": today,
        "tests": test_summary(organisation=organisation, today=today),
        "recent_tests": list(test_list(organisation=organisation)[:PACK_TESTS]),
        "review": latest_review(organisation=organisation),
        "terms": list(monitoring_list(organisation=organisation)[:PACK_TERMS]),
        "monitoring": monitoring_year(organisation=organisation, today=today),
    }
