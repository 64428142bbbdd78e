"""Support access: a quality manager lets an account manager see the provider's content.

By default an account manager sees each provider's status, figures and dates, not its
narratives, evidence files or packs (`Perm.VIEW_CONTENT` is not theirs in the role table). A
quality manager may grant support access to the organisation's account manager, for a stated
reason and up to `SUPPORT_MAX_DAYS` days. While the grant lasts the account manager holds
`SUPPORT_ACCESS`'s permissions, and every page they open is logged
(`tenancy.access.log_support_view`) and listed on the provider's "Support access" page. It ends
by itself: `tenancy.access.live_support_grant` compares `ends_at` with the clock on every
request, so no job is needed; the quality manager may end it early.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from tenancy.models import Organisation, OrganisationUserObjectPermission, SupportGrant

SUPPORT_MAX_DAYS = 14


def assigned_account_managers(organisation: Organisation) -> list[Any]:
    """The account managers who look after `organisation` (guardian assignment)."""
    from django.contrib.auth import get_user_model

    ids = OrganisationUserObjectPermission.objects.filter(
        content_object=organisation, permission__codename="look_after_organisation"
    ).values_list("user_id", flat=True)
    return list(
        get_user_model().objects.filter(pk__in=ids, is_account_manager=True).order_by("email")
    )


@transaction.atomic
def support_grant_create(
    *, organisation: Organisation, account_manager: Any, reason: str, days: int, by: Any
) -> SupportGrant:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why they need to see your content.")})
    if not 1 <= days <= SUPPORT_MAX_DAYS:
        raise ValidationError(
            {"days": gettext("Choose between 1 and %(days)s days.") % {"days": SUPPORT_MAX_DAYS}}
        )
    if account_manager not in assigned_account_managers(organisation):
        raise ValidationError(
            {"account_manager": gettext("Choose your organisation's account manager.")}
        )
    grant = SupportGrant(
        organisation=organisation,
        account_manager=account_manager,
        reason=reason[:500],
        ends_at=timezone.now() + timedelta(days=days),
        granted_by=by,
    )
    grant._history_user = by  # type: ignore[attr-defined]
    grant.save()
    return grant


@transaction.atomic
def support_grant_end(*, grant: SupportGrant, by: Any, now: datetime | None = None) -> bool:
    """End the grant now; False if it had ended already."""
    now = now or timezone.now()
    if not grant.is_live(now):
        return False
    grant.ended_at = now
    grant.ended_by = by
    grant._history_user = by  # type: ignore[attr-defined]
    grant.save(update_fields=["ended_at", "ended_by", "updated_at"])
    return True
