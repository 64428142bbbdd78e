"""Secret links: a page opened without an account by whoever holds a random token in the URL.

One definition for every such link (pack shares, questionnaire links, calendar feeds):

- the token is `secrets.token_urlsafe(32)` (256 random bits), shown once and never stored; only
  its SHA-256 (`token_hash`) is, so neither the database nor a backup gives a working link back;
- a lookup hashes what it is given and asks the unique index for that hash. How long the
  lookup takes depends on the hash, not on how much of the token was right, so timing teaches
  a guesser nothing, and guessing 256 bits is hopeless; no other compare is needed;
- a link works until it is revoked or expires (links without an `expires_at` never expire);
- every use is logged by a `LinkAccess` subclass (when, from which address, with what browser).

To use it on a tenant model:

    class PackShareLink(SecretLink, TenantModel):
        expires_at = models.DateTimeField()  # override when every link must expire
        unscoped: ClassVar[SecretLinkManager[Self]] = SecretLinkManager()
        history = HistoricalRecords(excluded_fields=SecretLink.UNTRACKED_FIELDS)

    token, token_hash = new_token()
    link = PackShareLink.objects.create(..., token_hash=token_hash)   # show `token` once
    link = PackShareLink.unscoped.select_related(...).for_token(token)  # any state, or None
    if link is None or link.refusal: ...  # render core.links.link_problem_response(...)
    PackShareLink.unscoped.live().for_token(token)  # only a link that works now
    PackShareLink.objects.filter(live_q(), pack=pack)  # scoped lists: the same rule as a Q

Lookups by token cross tenants on purpose (the token is the credential), so they go through
`unscoped`, which the subclass declares with `SecretLinkManager` (core knows nothing of tenancy;
`TenantModel`'s scoped `objects` stays as it is).
"""

import secrets
from datetime import datetime
from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import client_ip, hash_token
from core.models import TimeStampedModel

TOKEN_BYTES = 32
# token_urlsafe(32) gives 43 characters; anything far from that is not one of ours.
TOKEN_LENGTHS = range(40, 50)

# Why a link does not work: the keys of each app's table of `core.links.LinkProblem`s.
UNKNOWN = "unknown"  # no such link (or one we will not admit exists)
REVOKED = "revoked"
EXPIRED = "expired"


def new_token() -> tuple[str, str]:
    """A fresh token and the hash to store: give the token out once, keep only the hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def live_q(now: datetime | None = None) -> Q:
    """Links that work now: not revoked, and not expired (or never expiring)."""
    now = now or timezone.now()
    return Q(revoked_at=None) & (Q(expires_at=None) | Q(expires_at__gt=now))


_Link = TypeVar("_Link", bound="SecretLink")


class SecretLinkQuerySet(models.QuerySet[_Link]):
    def live(self) -> Self:
        return self.filter(live_q())

    def for_token(self, token: str | None) -> _Link | None:
        """The link `token` opens, whatever its state, or None (also for malformed tokens)."""
        if not isinstance(token, str) or len(token) not in TOKEN_LENGTHS:
            return None
        return self.filter(token_hash=hash_token(token)).first()


SecretLinkManager = models.Manager.from_queryset(SecretLinkQuerySet)


class SecretLink(TimeStampedModel):
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text=_("SHA-256 of the token, never it.")
    )
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the link stops working; empty if only revoking stops it."),
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    #: Not worth a history row each time a link is opened.
    UNTRACKED_FIELDS = ["last_used_at"]

    class Meta:
        abstract = True

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return self.refusal is None

    @property
    def refusal(self) -> str | None:
        """Why the link does not work now (`REVOKED` or `EXPIRED`), or None if it does."""
        if self.is_revoked:
            return REVOKED
        if self.is_expired:
            return EXPIRED
        return None

    def revoke(self, *, by: Any = None) -> bool:
        """Stop the link working now; False if it was revoked already."""
        if self.is_revoked:
            return False
        self.revoked_at = timezone.now()
        self.revoked_by = by
        if by is not None:
            self._history_user = by
        self.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        return True

    def mark_used(self) -> None:
        """Record the use without a history row or touching `updated_at`."""
        self.last_used_at = timezone.now()
        type(self)._default_manager.filter(pk=self.pk).update(last_used_at=self.last_used_at)


class LinkAccess(TimeStampedModel):
    """One use of a secret link: subclasses add the link and what was done."""

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def visitor(cls, request: HttpRequest) -> dict[str, Any]:
        """Where the request came from, as this model's field values."""
        agent = request.META.get("HTTP_USER_AGENT", "")
        return {"ip_address": client_ip(request), "user_agent": agent[:400]}
