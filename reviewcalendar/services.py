"""A person's calendar feed: made, replaced and revoked. The token is shown once, never stored."""

import secrets

from django.db import transaction
from django.utils import timezone

from core.links import hash_token
from reviewcalendar.models import CalendarFeed
from tenancy.models import Organisation

TOKEN_BYTES = 32


@transaction.atomic
def feed_create(*, organisation: Organisation, user) -> tuple[CalendarFeed, str]:
    """A new secret address for `user`'s feed; any earlier one stops working."""
    feed_revoke(organisation=organisation, user=user)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed.objects.create(
        organisation=organisation, user=user, token_hash=hash_token(token)
    )
    return feed, token


def feed_revoke(*, organisation: Organisation, user) -> int:
    return (
        CalendarFeed.objects.for_organisation(organisation)
        .filter(user=user, revoked_at=None)
        .update(revoked_at=timezone.now())
    )


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this token opens, if any (tokens far from our length are refused)."""
    if not 40 <= len(token) <= 50:
        return None
    feed = (  # by its token, before the organisation is known
        CalendarFeed.unscoped.filter(token_hash=hash_token(token), revoked_at=None)
        .select_related("organisation", "user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed


def feed_mark_used(feed: CalendarFeed) -> None:
    feeds = CalendarFeed.objects.for_organisation(feed.organisation_id)
    feeds.filter(pk=feed.pk).update(last_used_at=timezone.now())
