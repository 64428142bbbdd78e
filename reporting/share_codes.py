"""One-time codes for share links bound to a recipient.

Opening a bound link asks for a six-digit code emailed to the recipient's address. The rules:

- a code is kept only as an HMAC keyed with SECRET_KEY (`_digest`), so neither the database
  nor a backup gives it back, and a database copy alone cannot try the million codes;
- it works for `CODE_TTL` (10 minutes) and once; sending a new one spends the older ones;
- each code allows `CODE_ATTEMPTS` tries. The last wrong try locks the link for `LOCKOUT`
  (no code is accepted, none is sent, the provider sees it in the log);
- a new code can be asked for once every `RESEND_AFTER`, at most `CODES_PER_HOUR` an hour;
- each try is an `UPDATE ... WHERE attempts < limit`, so two tries at once cannot both use the
  last attempt; a right code is spent by a conditional update too;
- a right code marks this browser's session as verified for this link for `VERIFIED_FOR`.

Every step is logged as a `PackAccess` (code sent, wrong code, locked, accepted, opened).
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation

from core.emails import send_templated_email
from core.languages import known_language
from reporting.models import AccessEvent, PackAccess, PackShareLink, ShareCode

logger = logging.getLogger(__name__)

CODE_TTL = timedelta(minutes=10)
CODE_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
RESEND_AFTER = timedelta(seconds=60)
CODES_PER_HOUR = 5
VERIFIED_FOR = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str = ""


def _digest(link: PackShareLink, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{link.token_hash}:{code}".encode(), hashlib.sha256).hexdigest()


def _log(link: PackShareLink, event: str, visitor: dict) -> None:
    PackAccess.objects.for_organisation(link.organisation_id).create(
        organisation_id=link.organisation_id, link=link, event=event, **visitor
    )


def _codes(link: PackShareLink):
    return ShareCode.objects.for_organisation(link.organisation_id).filter(link=link)


def _locked_message(link: PackShareLink) -> str:
    until = timezone.localtime(link.locked_until).strftime("%H:%M")
    return f"Too many wrong codes. Try again after {until}, or ask the provider for a new link."


def share_code_send(*, link: PackShareLink, visitor: dict, now: datetime | None = None) -> Outcome:
    """Email a fresh code to the link's recipient, unless locked or asked for too often."""
    now = now or timezone.now()
    if link.is_locked:
        return Outcome(False, _locked_message(link))
    recent = _codes(link).filter(created_at__gt=now - timedelta(hours=1))
    latest = recent.order_by("-created_at").values_list("created_at", flat=True).first()
    if latest and now - latest < RESEND_AFTER:
        wait = int((RESEND_AFTER - (now - latest)).total_seconds()) + 1
        return Outcome(False, f"A code was sent just now. You can ask for another in {wait} s.")
    if recent.count() >= CODES_PER_HOUR:
        return Outcome(False, "Five codes were sent in the last hour. Try again later.")
    code = f"{secrets.randbelow(10**6):06d}"
    _codes(link).filter(used_at=None).update(used_at=now)  # older codes stop working
    ShareCode.objects.for_organisation(link.organisation_id).create(
        organisation_id=link.organisation_id,
        link=link,
        code_hash=_digest(link, code),
        expires_at=now + CODE_TTL,
    )
    try:
        # An inspector has no account, so no language of their own: the pack's is the best guess.
        with translation.override(known_language(link.pack.language)):
            send_templated_email(
                "pack-share-code",
                to=[link.recipient_email],
                context={"code": code, "share": link, "organisation": link.organisation},
            )
    except Exception:  # the SMTP server refused or is down: say so, never a 500
        logger.exception("Could not email a share code for link %s", link.pk)
        return Outcome(False, "The code could not be emailed just now. Try again in a minute.")
    _log(link, AccessEvent.CODE_SENT, visitor)
    return Outcome(True, "We have emailed a code. It works for 10 minutes.")


def share_code_check(
    *, link: PackShareLink, code: str, visitor: dict, now: datetime | None = None
) -> Outcome:
    """Try `code` against the link's live code; lock the link after the last wrong try."""
    now = now or timezone.now()
    if link.is_locked:
        return Outcome(False, _locked_message(link))
    live = _codes(link).filter(used_at=None, expires_at__gt=now).order_by("-created_at").first()
    if live is None:
        return Outcome(False, "This code has expired or been used. Ask for a new one.")
    tried = _codes(link).filter(pk=live.pk, used_at=None, attempts__lt=CODE_ATTEMPTS)
    if not tried.update(attempts=F("attempts") + 1):
        return Outcome(False, "This code has expired or been used. Ask for a new one.")
    right = hmac.compare_digest(live.code_hash, _digest(link, code.strip()))
    if right and _codes(link).filter(pk=live.pk, used_at=None).update(used_at=now):
        _log(link, AccessEvent.CODE_ACCEPTED, visitor)
        return Outcome(True)
    _log(link, AccessEvent.CODE_WRONG, visitor)
    live.refresh_from_db(fields=["attempts"])
    left = CODE_ATTEMPTS - live.attempts
    if left > 0:
        return Outcome(
            False, f"That code is not right. {left} tr{'y' if left == 1 else 'ies'} left."
        )
    _codes(link).filter(pk=live.pk).update(used_at=now)
    link.locked_until = now + LOCKOUT
    links = PackShareLink.objects.for_organisation(link.organisation_id)
    links.filter(pk=link.pk).update(locked_until=link.locked_until)
    _log(link, AccessEvent.LOCKED, visitor)
    return Outcome(False, _locked_message(link))


def _session_key(link: PackShareLink) -> str:
    return f"pack-share-verified-{link.code}"


def session_verify(session, link: PackShareLink) -> None:
    session.cycle_key()
    session[_session_key(link)] = timezone.now().isoformat()


def session_is_verified(session, link: PackShareLink) -> bool:
    stamp = session.get(_session_key(link))
    if not stamp:
        return False
    try:
        verified = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return False
    return timezone.now() - verified < VERIFIED_FOR
