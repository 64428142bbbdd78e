"""Notices sent as something happens (not by the daily sweep), through the same machinery: a
`Notification` row with a unique dedupe key (exactly once), the bell, and the email task.

`pack_link_opened`: the first time a share link of an evidence pack is opened, its creator and
the organisation's quality managers are told. The caller (`reporting`) calls it only after
winning the link's `first_opened_at` update; the dedupe keys make a second call harmless.
"""

from typing import Any

from core.tasks_util import enqueue_on_commit
from reminders.models import Kind, Notification
from tenancy.models import Membership
from tenancy.roles import Role


def pack_link_opened(*, link: Any) -> list[int]:
    """Tell the link's creator and the quality managers; returns the new notifications' ids."""
    from reminders.tasks import send_notifications_task

    organisation_id = link.organisation_id
    members = Membership.objects.for_organisation(organisation_id)
    recipients = set(members.filter(role=Role.QUALITY_MANAGER).values_list("user_id", flat=True))
    if link.created_by_id and members.filter(user_id=link.created_by_id).exists():
        recipients.add(link.created_by_id)
    notifications = Notification.objects.for_organisation(organisation_id)
    notifications.bulk_create(
        [
            Notification(
                organisation_id=organisation_id,
                recipient_id=user_id,
                kind=Kind.PACK_LINK_OPENED,
                pack_share_link=link,
                dedupe_key=f"{Kind.PACK_LINK_OPENED}:{link.code}:{user_id}",
            )
            for user_id in sorted(recipients)
        ],
        ignore_conflicts=True,
    )
    ids = list(
        notifications.filter(pack_share_link=link, email_sent_at=None).values_list("pk", flat=True)
    )
    if ids:
        enqueue_on_commit(send_notifications_task, ids)
    return ids
