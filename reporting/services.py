"""Evidence packs and their share links.

A pack's life: queued, rendering (under a lease), then ready or failed.

A worker renders a pack only after winning its lease (`core.claims`): a queued pack, or one
whose worker died mid-render (the lease lapsed) while attempts remain. The lease outlasts the
task's hard time limit, so a live worker never loses its pack; its stamp is the worker's token,
so a worker that lost the pack (taken over, or restarted by "Try again") cannot overwrite it.
Every minute `pack_recover_stalled` re-sends packs no worker picked up (the broker was down)
and fails those out of attempts, so no pack waits for ever.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from assessments.models import Assessment, Status
from core.claims import claim
from core.secret_links import new_token
from core.tasks_util import enqueue_on_commit
from reminders import handoffs, notices
from reporting.models import (
    IN_PROGRESS,
    EvidencePack,
    PackAccess,
    PackShareLink,
    PackStatus,
    StaffNames,
)
from reporting.packs import pack_generate

logger = logging.getLogger(__name__)

PACK_RENDER_TIME_LIMIT = 5 * 60  # the render task's hard limit, in seconds
PACK_RENDER_LEASE = timedelta(seconds=PACK_RENDER_TIME_LIMIT + 60)
PACK_MAX_ATTEMPTS = 3
PACK_RESEND_AFTER = timedelta(minutes=2)  # queued (or lease lapsed) this long: send again
PACK_QUEUE_GIVE_UP = timedelta(hours=1)  # still queued after this: no worker is coming
PACK_WAIT_LIMIT = timedelta(minutes=5)  # the status page stops polling after this
WAITING_STAGE = "Waiting for a worker"

WORKER_STOPPED = (
    f"The worker generating it stopped without finishing, {PACK_MAX_ATTEMPTS} times. A pack "
    f"that takes longer than {PACK_RENDER_TIME_LIMIT // 60} minutes is stopped."
)
NO_WORKER = (
    "No worker started it within an hour, so it was stopped; the background service was "
    "probably down."
)


class PackSuperseded(Exception):
    """This worker no longer holds the pack's lease."""


def pack_send(pack_id: int) -> None:
    from reporting.tasks import generate_pack_task

    enqueue_on_commit(generate_pack_task, pack_id)


@transaction.atomic
def pack_request(
    *,
    assessment: Assessment,
    by,
    staff_names: str = StaffNames.NAMES,
    include_history: bool = True,
    language: str = settings.LANGUAGE_CODE,
) -> EvidencePack:
    """Queue a new evidence pack; a worker renders it (in-process when no broker is set)."""
    approved = assessment.status == Status.APPROVED
    pack = EvidencePack.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        is_draft=not approved,
        snapshot_sha256=assessment.snapshot_sha256 if approved else "",
        requested_by=by,
        stage=WAITING_STAGE,
        staff_names=StaffNames(staff_names),
        include_history=include_history,
        language=language,
    )
    pack_send(pack.pk)
    return pack


def pack_is_overdue(pack: EvidencePack, now: datetime | None = None) -> bool:
    """Still unfinished so long after it was requested that the page stops waiting."""
    now = now or timezone.now()
    return pack.status in IN_PROGRESS and now - pack.queued_at > PACK_WAIT_LIMIT


def _holding(pack_id: int, stamp: datetime) -> QuerySet:
    """The pack, only while this worker's lease (stamped `stamp`) is still its own."""
    return EvidencePack.objects.filter(
        pk=pack_id, status=PackStatus.RENDERING, render_claimed_at=stamp
    )


def _progress(mine: QuerySet) -> Callable[[int, str], None]:
    def report(percent: int, stage: str) -> None:
        if not mine.update(progress=percent, stage=stage):
            raise PackSuperseded

    return report


def _fail_exhausted(rows: QuerySet, now: datetime) -> int:
    """Fail the packs of `rows` whose last allowed attempt died (its lease lapsed)."""
    dead = rows.filter(
        status=PackStatus.RENDERING,
        attempts__gte=PACK_MAX_ATTEMPTS,
        render_claimed_at__lt=now - PACK_RENDER_LEASE,
    )
    return dead.update(status=PackStatus.FAILED, stage="", error=WORKER_STOPPED)


def pack_render(pack_id: int) -> str:
    """Render the pack if this worker wins its lease. Returns what happened.

    Runs inside the pack's tenant scope, which `generate_pack_task` enters."""
    stamp = timezone.now()
    open_pack = EvidencePack.objects.filter(
        pk=pack_id, status__in=IN_PROGRESS, attempts__lt=PACK_MAX_ATTEMPTS
    )
    won = claim(
        open_pack,
        "render_claimed_at",
        now=stamp,
        lease=PACK_RENDER_LEASE,
        status=PackStatus.RENDERING,
        attempts=F("attempts") + 1,
        progress=5,
        stage="Starting",
    )
    if not won:
        lost = _fail_exhausted(EvidencePack.objects.filter(pk=pack_id), stamp)
        return "failed" if lost else "skipped"
    pack = (
        EvidencePack.objects.select_related("assessment__framework_version")
        .defer("assessment__framework_version__source_text")  # the library file: not needed
        .get(pk=pack_id)
    )
    mine = _holding(pack_id, stamp)
    try:
        pack_generate(pack, _progress(mine))
    except PackSuperseded:
        return "superseded"
    except Exception as exc:
        logger.exception("Evidence pack %s failed", pack_id)
        message = f"The PDF could not be generated ({type(exc).__name__}: {exc})"
        mine.update(status=PackStatus.FAILED, stage="", error=message[:500])
        return "failed"
    return "ready" if _pack_finish(pack, mine) else "superseded"


@transaction.atomic
def _pack_finish(pack: EvidencePack, mine: QuerySet) -> bool:
    if not list(mine.select_for_update().values_list("pk", flat=True)):
        pack.file.delete(save=False)  # another attempt owns the pack now; drop this PDF
        return False
    pack.status = PackStatus.READY
    pack.progress = 100
    pack.stage = ""
    pack.error = ""
    pack.generated_at = timezone.now()
    pack.save()
    handoffs.pack_ready(pack=pack)  # whoever asked for it hears, after commit
    return True


@transaction.atomic
def pack_retry(*, pack: EvidencePack) -> bool:
    """ "Try again": start a failed or overdue pack afresh. A worker still on it loses its lease,
    so its late result is discarded. False when there was nothing to restart."""
    now = timezone.now()
    if pack.status == PackStatus.READY or (
        pack.status in IN_PROGRESS and not pack_is_overdue(pack, now)
    ):
        return False
    pack.status = PackStatus.QUEUED
    pack.attempts = 0
    pack.progress = 0
    pack.stage = WAITING_STAGE
    pack.error = ""
    pack.render_claimed_at = None
    pack.queued_at = pack.last_sent_at = now
    pack.save()
    pack_send(pack.pk)
    return True


def pack_recover_stalled(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: fail packs out of attempts or never picked up, and send again the
    packs still waiting for a worker, or whose worker died, with attempts to spare."""
    now = now or timezone.now()
    unfinished = EvidencePack.unscoped.filter(status__in=IN_PROGRESS)  # every tenant's
    failed = _fail_exhausted(unfinished, now)
    abandoned = unfinished.filter(status=PackStatus.QUEUED, queued_at__lt=now - PACK_QUEUE_GIVE_UP)
    failed += abandoned.update(status=PackStatus.FAILED, stage="", error=NO_WORKER)
    stalled = unfinished.filter(
        Q(status=PackStatus.QUEUED)
        | Q(status=PackStatus.RENDERING, render_claimed_at__lt=now - PACK_RENDER_LEASE),
        last_sent_at__lt=now - PACK_RESEND_AFTER,
    )
    resent = 0
    for pack_id in list(stalled.values_list("pk", flat=True)[:500]):
        if unfinished.filter(pk=pack_id).update(last_sent_at=now):
            pack_send(pack_id)
            resent += 1
    if failed or resent:
        logger.warning("Evidence packs recovered: %s failed, %s sent again", failed, resent)
    return {"failed": failed, "resent": resent}


@transaction.atomic
def share_link_create(
    *,
    pack: EvidencePack,
    by,
    recipient: str = "",
    days: int | None = None,
    recipient_name: str = "",
    recipient_email: str = "",
) -> tuple[PackShareLink, str]:
    """Returns the link and its token; only the token's hash is stored, so show it once.

    With `recipient_email` the link is bound: it opens only after a code sent there."""
    if pack.status != PackStatus.READY or pack.deleted_at:
        raise ValidationError(
            gettext("Only a finished pack that has not been deleted can be shared.")
        )
    days = days or settings.PACK_SHARE_DAYS
    if not 1 <= days <= 90:
        raise ValidationError({"days": gettext("Choose between 1 and 90 days.")})
    recipient_name, recipient_email = recipient_name.strip(), recipient_email.strip()
    if recipient_email and not recipient_name:
        raise ValidationError(
            {"recipient_name": gettext("Enter the name of the person it is for.")}
        )
    if recipient_name and not recipient_email:
        raise ValidationError(
            {"recipient_email": gettext("Enter their email address for the code.")}
        )
    token, token_hash = new_token()
    link = PackShareLink.objects.create(
        organisation=pack.organisation,
        pack=pack,
        token_hash=token_hash,
        recipient=recipient.strip(),
        recipient_name=recipient_name,
        recipient_email=recipient_email,
        expires_at=timezone.now() + timedelta(days=days),
        created_by=by,
    )
    return link, token


def share_link_revoke(*, link: PackShareLink, by=None) -> PackShareLink:
    link.revoke(by=by)
    return link


def share_access_record(
    *, link: PackShareLink, ip_address: str | None, user_agent: str
) -> PackAccess:
    """Log one opening of the link (the access list on the pack page counts these). The first
    opening tells the provider, exactly once: only the request that sets `first_opened_at`
    sends the notice (and its dedupe keys would refuse a second)."""
    link.mark_used()
    access = PackAccess.objects.for_organisation(link.organisation_id).create(
        organisation_id=link.organisation_id,
        link=link,
        ip_address=ip_address,
        user_agent=user_agent[:400],
    )
    first = PackShareLink.objects.for_organisation(link.organisation_id).filter(
        pk=link.pk, first_opened_at=None
    )
    if first.update(first_opened_at=access.created_at):
        link.first_opened_at = access.created_at
        notices.pack_link_opened(link=link)
    return access
