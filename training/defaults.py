"""The catalogue every organisation starts with: editable rows, not fixed data.

Home Office Prevent duty training (awareness, referrals, Channel awareness) is free e-learning;
the Education and Training Foundation (ETF) publishes Prevent modules for further education and
training; a locally delivered session covers local risks and the referral route, as criterion
C4.3 expects. Refresh intervals are sensible starting points the provider changes to match its
training-needs analysis.
"""

from typing import Any

from training.models import RoleGroup

EVERYONE = [g.value for g in RoleGroup]
LEADS = [RoleGroup.DSL.value]

DEFAULT_COURSES: list[dict[str, Any]] = [
    {
        "title": "Prevent awareness (Home Office e-learning)",
        "provider": "Home Office",
        "url": "",
        "role_groups": EVERYONE,
        "refresh_months": 24,
        "induction_days": 30,
    },
    {
        "title": "Prevent referrals (Home Office e-learning)",
        "provider": "Home Office",
        "url": "",
        "role_groups": [RoleGroup.DSL.value, RoleGroup.SENIOR_LEADERS.value],
        "refresh_months": 24,
        "induction_days": 60,
    },
    {
        "title": "Channel awareness (Home Office e-learning)",
        "provider": "Home Office",
        "url": "",
        "role_groups": LEADS,
        "refresh_months": 24,
        "induction_days": 90,
    },
    {
        "title": "Local Prevent briefing: local risks and the referral route",
        "provider": "Delivered in-house with the local Prevent coordinator",
        "url": "",
        "role_groups": [
            RoleGroup.SENIOR_LEADERS.value,
            RoleGroup.DSL.value,
            RoleGroup.TUTORS.value,
            RoleGroup.SUPPORT.value,
        ],
        "refresh_months": 12,
        "induction_days": 90,
    },
    {
        "title": "ETF Prevent module for leaders and governors",
        "provider": "Education and Training Foundation",
        "url": "https://preventforfeandtraining.org.uk/",
        "role_groups": [RoleGroup.BOARD.value, RoleGroup.SENIOR_LEADERS.value],
        "refresh_months": 36,
        "induction_days": 90,
    },
    {
        "title": "ETF Prevent module for tutors, assessors and subcontractor staff",
        "provider": "Education and Training Foundation",
        "url": "https://preventforfeandtraining.org.uk/",
        "role_groups": [RoleGroup.TUTORS.value, RoleGroup.SUBCONTRACTOR.value],
        "refresh_months": None,
        "induction_days": 90,
    },
]
