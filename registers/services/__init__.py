"""Changes to the registers, named `<entity>_<action>` (see risks.py and events.py)."""

from registers.services.events import (
    event_decide,
    event_record_checks,
    event_record_outcome,
    event_request,
    sample_draw,
    sample_item_verify,
)
from registers.services.risks import (
    risk_create,
    risk_raise_action,
    risk_review,
    risk_update,
)

__all__ = [
    "event_decide",
    "event_record_checks",
    "event_record_outcome",
    "event_request",
    "risk_create",
    "risk_raise_action",
    "risk_review",
    "risk_update",
    "sample_draw",
    "sample_item_verify",
]
