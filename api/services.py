"""Creating and revoking API keys, and the rule for whether a key still works."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from api.models import HINT_LENGTH, KEY_PREFIX, ApiKey, KeyScope
from core.links import hash_token
from core.secret_links import new_token
from tenancy.models import Membership, Organisation
from tenancy.roles import Perm, holder_can

#: A key's "last used" is written at most this often (not on every request).
LAST_USED_EVERY = timedelta(minutes=1)


@transaction.atomic
def api_key_create(
    *, organisation: Organisation, name: str, scope: str, by: User
) -> tuple[ApiKey, str]:
    """A new key and its secret, to be shown once: only the secret's hash is kept."""
    if not creator_may_hold_keys(organisation=organisation, user=by):
        raise ValidationError(
            gettext("Only the organisation's quality managers can create API keys.")
        )
    if scope not in KeyScope.values:
        raise ValidationError({"scope": gettext("Choose read, or read and write.")})
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": gettext("Say what will use the key.")})
    secret = KEY_PREFIX + new_token()[0]
    key = ApiKey(
        organisation=organisation,
        name=name,
        scope=scope,
        hint=secret[len(KEY_PREFIX) : len(KEY_PREFIX) + HINT_LENGTH],
        token_hash=hash_token(secret),
        created_by=by,
    )
    key.full_clean()
    key._history_user = by
    key.save()
    return key, secret


def api_key_revoke(*, key: ApiKey, by: User) -> bool:
    """Stop the key working now; False if it was revoked already."""
    return key.revoke(by=by)


def creator_may_hold_keys(*, organisation: Organisation, user: User | None) -> bool:
    """The person behind a key must still be an active member who may manage keys."""
    if user is None or not user.is_active:
        return False
    membership = Membership.objects.for_organisation(organisation).filter(user=user).first()
    return membership is not None and holder_can(
        membership.role, Perm.MANAGE_API_KEYS, membership.designations
    )


def api_key_note_use(key: ApiKey) -> None:
    """Record when the key was last used, at most once a minute."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_EVERY:
        key.mark_used()
