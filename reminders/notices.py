"""Notices sent as something happens (not by the daily sweep), through the same machinery as the
hand-offs (`reminders.handoffs.notify`): a `Notification` row with a unique dedupe key (exactly
once), the bell, and the email task after commit.

`pack_link_opened`: the first time a share link of an evidence pack is opened, its creator and
the organisation's quality managers are told. The caller (`reporting`) calls it only after
winning the link's `first_opened_at` update; the dedupe keys make a second call harmless.
"""

from typing import Any

from reminders.handoffs import notify, quality_managers
from reminders.models import Kind


def pack_link_opened(*, link: Any) -> list[int]:
    """Tell the link's creator and the quality managers; returns the new notifications' ids."""
    return notify(
        organisation_id=link.organisation_id,
        kind=Kind.PACK_LINK_OPENED,
        recipients=[*quality_managers(link.organisation_id), link.created_by_id],
        key=str(link.code),
        pack_share_link=link,
    )
