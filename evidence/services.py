"""Changes to the evidence library. Views, the demo seed and (later) tasks call these."""

from datetime import date
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.uploads import inspect_upload
from evidence.models import EvidenceDownload, EvidenceItem, EvidenceKind, Sensitivity
from evidence.models import sees_restricted as _access_sees_restricted
from tenancy.access import resolve_access
from tenancy.models import Organisation
from tenancy.services import require_assignable

LINK_SCHEMES = frozenset({"http", "https"})


def is_web_address(url: str) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)


def link_host(url: str) -> str:
    """The host a link goes to, as an ASCII name (so look-alike letters show as xn--...)."""
    host = urlsplit(url).hostname or ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _check_owner(organisation: Organisation, owner) -> None:
    if owner is None:
        raise ValidationError({"owner": "Choose who is responsible for keeping this current."})
    require_assignable(organisation=organisation, user=owner)


def sees_restricted(organisation: Organisation, user) -> bool:
    """Whether `user` holds VIEW_RESTRICTED_EVIDENCE at `organisation` (as the role table says)."""
    if user is None or user.pk is None:
        return False
    return _access_sees_restricted(resolve_access(user, organisation.slug))


def _check_sensitivity(
    organisation: Organisation, *, by, owner, sensitivity: str, was: str | None
) -> str:
    """Only holders of VIEW_RESTRICTED_EVIDENCE set or clear "restricted" (anyone else could
    not see the item afterwards, or would open it to everyone), and a restricted item's owner
    must be able to see it: their reminders name it."""
    sensitivity = Sensitivity(sensitivity)
    restricted = Sensitivity.RESTRICTED
    changes_restriction = restricted in (sensitivity, was) and sensitivity != was
    if changes_restriction and not sees_restricted(organisation, by):
        raise ValidationError(
            {
                "sensitivity": "Only the designated safeguarding lead or a senior leader "
                "can mark evidence restricted or lift the restriction."
            }
        )
    if sensitivity == restricted and not sees_restricted(organisation, owner):
        raise ValidationError(
            {
                "owner": "Restricted evidence must be owned by the designated safeguarding lead "
                "or a senior leader, so its owner can open it."
            }
        )
    return sensitivity


def evidence_record_download(*, item: EvidenceItem, by) -> EvidenceDownload | None:
    """Log an opening of a restricted item's file or link (normal items are not logged)."""
    if not item.is_restricted:
        return None
    return EvidenceDownload.objects.for_organisation(item.organisation_id).create(
        organisation_id=item.organisation_id, item=item, user=by if by.pk else None
    )


def _attach_content(item: EvidenceItem, *, kind: str, file, url: str) -> None:
    """Set the file or link fields for `kind`; a new file replaces the old one."""
    item.kind = EvidenceKind(kind)
    if item.kind == EvidenceKind.FILE:
        if file is None:
            if not item.file:
                raise ValidationError({"file": "Choose a file to upload."})
        else:
            inspected = inspect_upload(file)
            item.file = file
            item.original_filename = inspected.original_filename
            item.content_type = inspected.content_type
            item.size = inspected.size
            item.sha256 = inspected.sha256
        item.url = ""
    else:
        url = (url or "").strip()
        if not url:
            raise ValidationError({"url": "Enter the web address of the document."})
        if not is_web_address(url):
            raise ValidationError({"url": "Enter a web address starting with https:// or http://."})
        item.url = url
        # The stored file is kept (earlier versions in the history still name it); the item
        # itself no longer offers it.
        item.file = ""
        item.original_filename = item.content_type = item.sha256 = ""
        item.size = None


def _save(item: EvidenceItem, *, by=None) -> None:
    if by is not None:
        item._history_user = by  # recorded by simple-history even outside a request
    item.full_clean(exclude=["file"])  # the file was checked by inspect_upload
    item.save()


@transaction.atomic
def evidence_create(
    *,
    organisation: Organisation,
    by,
    title: str,
    description: str = "",
    kind: str,
    file=None,
    url: str = "",
    owner,
    effective_date: date,
    valid_until: date | None = None,
    sensitivity: str | None = None,
) -> EvidenceItem:
    _check_owner(organisation, owner)
    item = EvidenceItem(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        effective_date=effective_date,
        valid_until=valid_until,
        uploaded_by=by,
        sensitivity=_check_sensitivity(
            organisation,
            by=by,
            owner=owner,
            sensitivity=sensitivity or Sensitivity.NORMAL,
            was=None,
        ),
    )
    try:
        _attach_content(item, kind=kind, file=file, url=url)
    except ValidationError as exc:
        raise _on_field(exc, "file") from exc
    _save(item, by=by)
    return item


@transaction.atomic
def evidence_update(
    *,
    item: EvidenceItem,
    title: str,
    description: str = "",
    kind: str,
    file=None,
    url: str = "",
    owner,
    effective_date: date,
    valid_until: date | None = None,
    sensitivity: str | None = None,
    by=None,
) -> EvidenceItem:
    """Change an item's details; a new `file` replaces the current one (kept in the history).
    `sensitivity` None keeps the item's own."""
    if item.is_archived:
        raise ValidationError(gettext("This item is archived, so it can no longer be changed."))
    _check_owner(item.organisation, owner)
    item.sensitivity = _check_sensitivity(
        item.organisation,
        by=by,
        owner=owner,
        sensitivity=sensitivity or item.sensitivity,
        was=item.sensitivity,
    )
    item.title = title.strip()
    item.description = description.strip()
    item.owner = owner
    item.effective_date = effective_date
    item.valid_until = valid_until
    try:
        _attach_content(item, kind=kind, file=file, url=url)
    except ValidationError as exc:
        raise _on_field(exc, "file") from exc
    _save(item, by=by)
    return item


@transaction.atomic
def evidence_archive(*, item: EvidenceItem, by=None) -> EvidenceItem:
    """Take an item out of the library; it stays readable (and downloadable) for the record."""
    if not item.is_archived:
        item.archived_at = timezone.now()
        if by is not None:
            item._history_user = by
        item.save(update_fields=["archived_at", "updated_at"])
    return item


def _on_field(error: ValidationError, field: str) -> ValidationError:
    """A file check's plain ValidationError, attached to the field it is about."""
    if hasattr(error, "error_dict"):
        return error
    return ValidationError({field: error.error_list})
