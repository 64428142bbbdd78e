import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Status
from core.links import hash_token
from core.tasks_util import enqueue_on_commit
from reporting.models import EvidencePack, PackAccess, PackShareLink, PackStatus


@transaction.atomic
def pack_request(*, assessment: Assessment, by) -> EvidencePack:
    """Queue a new evidence pack; a worker renders it (in-process when no broker is set)."""
    from reporting.tasks import generate_pack_task

    approved = assessment.status == Status.APPROVED
    pack = EvidencePack.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        is_draft=not approved,
        snapshot_sha256=assessment.snapshot_sha256 if approved else "",
        requested_by=by,
        stage="Waiting for a worker",
    )
    enqueue_on_commit(generate_pack_task, pack.pk)
    return pack


@transaction.atomic
def share_link_create(
    *, pack: EvidencePack, by, recipient: str = "", days: int | None = None
) -> tuple[PackShareLink, str]:
    """Returns the link and its token; only the token's hash is stored, so show it once."""
    if pack.status != PackStatus.READY:
        raise ValidationError("Only a finished pack can be shared.")
    days = days or settings.PACK_SHARE_DAYS
    if not 1 <= days <= 90:
        raise ValidationError({"days": "Choose between 1 and 90 days."})
    token = secrets.token_urlsafe(32)
    link = PackShareLink.objects.create(
        organisation=pack.organisation,
        pack=pack,
        token_sha256=hash_token(token),
        recipient=recipient.strip(),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=by,
    )
    return link, token


def share_link_revoke(*, link: PackShareLink) -> PackShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def share_access_record(*, link: PackShareLink, ip: str | None, user_agent: str) -> PackAccess:
    return PackAccess.unscoped.create(
        organisation_id=link.organisation_id,
        link=link,
        ip_address=ip,
        user_agent=user_agent[:400],
    )
