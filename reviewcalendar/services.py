"""A person's calendar feed: made, replaced and revoked. The token is shown once, never stored."""

from django.db import transaction
from django.utils import timezone

from core.secret_links import live_q, new_token
from reviewcalendar.models import CalendarFeed
from tenancy.models import Organisation


@transaction.atomic
def feed_create(*, organisation: Organisation, user) -> tuple[CalendarFeed, str]:
    """A new secret address for `user`'s feed; any earlier one stops working."""
    feed_revoke(organisation=organisation, user=user)
    token, token_hash = new_token()
    feed = CalendarFeed.objects.create(organisation=organisation, user=user, token_hash=token_hash)
    return feed, token


def feed_revoke(*, organisation: Organisation, user) -> int:
    """Switch off `user`'s live feed (there is at most one), by themselves."""
    return (
        CalendarFeed.objects.for_organisation(organisation)
        .filter(live_q(), user=user)
        .update(revoked_at=timezone.now(), revoked_by=user)
    )


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this token opens, if any, of someone who still has an account."""
    # by its token, before the organisation is known
    feed = CalendarFeed.unscoped.live().select_related("organisation", "user").for_token(token)
    if feed is None or not feed.user.is_active:
        return None
    return feed
