"""Restricted evidence in snapshot-shaped data (the sign-off snapshot, the briefing, the pack).

Restricted items (`evidence.models.Sensitivity.RESTRICTED`) are never named there: each
response carries `restricted_evidence`, a count, shown as "Restricted evidence held by the DSL".
A snapshot signed off before an item was restricted still names it, so every reader takes the
data through `without_restricted` first.
"""

from typing import Any

from evidence.selectors import restricted_evidence
from tenancy.models import Organisation


def restricted_codes(organisation: Organisation) -> set[str]:
    """The codes of the organisation's restricted items (archived ones too): one query."""
    items = restricted_evidence(organisation=organisation)
    return {str(code) for code in items.values_list("code", flat=True)}


def without_restricted(data: Any, organisation: Organisation) -> dict[str, Any]:
    """A copy of `data` with the organisation's restricted items taken out of every response's
    evidence and added to its `restricted_evidence` count."""
    codes = restricted_codes(organisation)
    responses = []
    for response in data.get("responses", []):
        kept = [e for e in response["evidence"] if e.get("code") not in codes]
        hidden = len(response["evidence"]) - len(kept)
        responses.append(
            {
                **response,
                "evidence": kept,
                "restricted_evidence": response.get("restricted_evidence", 0) + hidden,
            }
        )
    return {**data, "responses": responses}
