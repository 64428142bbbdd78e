"""Read queries for the evidence pages. They take the organisation explicitly."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from evidence.models import (
    EvidenceDownload,
    EvidenceItem,
    Sensitivity,
    expiry_warning_date,
    only_visible,
)
from tenancy.access import OrgAccess
from tenancy.models import Organisation


class EvidenceStatus:
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    ARCHIVED = "archived"

    CHOICES = [
        ("", gettext_lazy("In the library (not archived)")),
        (CURRENT, gettext_lazy("In date")),
        (EXPIRING, gettext_lazy("Expiring soon")),
        (EXPIRED, gettext_lazy("Expired")),
        (ARCHIVED, gettext_lazy("Archived")),
    ]


def visible_evidence(*, organisation: Organisation, access: OrgAccess | None) -> QuerySet:
    """The organisation's evidence `access` may see: every listing starts here (restricted
    items only for holders of VIEW_RESTRICTED_EVIDENCE; None, for packs, sees none)."""
    return only_visible(EvidenceItem.objects.for_organisation(organisation), access)


def restricted_evidence(*, organisation: Organisation) -> QuerySet[EvidenceItem]:
    """The organisation's restricted items (archived ones too), for those who count them."""
    items = EvidenceItem.objects.for_organisation(organisation)
    return items.filter(sensitivity=Sensitivity.RESTRICTED)


def evidence_list(
    *,
    organisation: Organisation,
    access: OrgAccess | None,
    search: str = "",
    status: str = "",
    owner=None,
) -> QuerySet[EvidenceItem]:
    """The organisation's evidence for the library page: one query however many items."""
    items = visible_evidence(organisation=organisation, access=access).select_related("owner")
    today = timezone.localdate()
    in_date = Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    if status == EvidenceStatus.ARCHIVED:
        items = items.filter(archived_at__isnull=False)
    else:
        items = items.filter(archived_at__isnull=True)
        if status == EvidenceStatus.CURRENT:
            items = items.filter(in_date)
        elif status == EvidenceStatus.EXPIRING:
            items = items.filter(valid_until__gte=today, valid_until__lte=expiry_warning_date())
        elif status == EvidenceStatus.EXPIRED:
            items = items.filter(valid_until__lt=today)
    search = search.strip()
    if search:
        items = items.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(original_filename__icontains=search)
        )
    if owner is not None:
        items = items.filter(owner=owner)
    return items.order_by("-effective_date", "title")


def evidence_history(*, item: EvidenceItem) -> list[dict]:
    """The item's changes, newest first: when, who, and which fields changed."""
    records = list(item.history.select_related("history_user").order_by("history_date"))
    labels = {f.name: f.verbose_name for f in EvidenceItem._meta.get_fields() if f.concrete}
    hidden = {"updated_at", "created_at", "original_filename", "content_type", "size"}
    entries = []
    previous = None
    for record in records:
        if previous is None or record.history_type == "+":
            summary = "Added to the library"
        else:
            delta = record.diff_against(previous)
            changed = [c.field for c in delta.changes if c.field not in hidden]
            if changed == ["archived_at"]:
                summary = "Archived"
            elif "sha256" in changed or ("file" in changed and record.file):
                names = [labels[f] for f in changed if f not in {"sha256", "file"}]
                summary = "New file uploaded" + (f"; changed {_join(names)}" if names else "")
            elif changed:
                summary = f"Changed {_join([labels[f] for f in changed if f != 'sha256'])}"
            else:
                summary = "Saved without changes"
        entries.append({"record": record, "summary": summary})
        previous = record
    entries.reverse()
    return entries


def _join(names: list[str]) -> str:
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


PICKER_LIMIT = 20


def evidence_search(
    *,
    organisation: Organisation,
    access: OrgAccess,
    search: str = "",
    kind: str = "",
    status: str = "",
    owner=None,
    normal_only: bool = False,
    exclude: list[str] = (),  # type: ignore[assignment]
    limit: int = PICKER_LIMIT,
) -> tuple[list[EvidenceItem], bool]:
    """Up to `limit` of the library's current items matching `search` (title, description,
    file name) and the filters, leaving out `exclude` (the codes already linked), and whether
    there are more: the picker's one query. Nothing is searched without a word or a filter."""
    if not (search.strip() or kind or status or owner is not None):
        return [], False
    items = evidence_list(
        organisation=organisation, access=access, search=search, status=status, owner=owner
    )
    if kind:
        items = items.filter(kind=kind)
    if normal_only:
        items = items.filter(sensitivity=Sensitivity.NORMAL)
    found = list(
        items.exclude(code__in=list(exclude))
        .select_related(None)
        .only(
            "pk",
            "code",
            "title",
            "kind",
            "valid_until",
            "effective_date",
            "sensitivity",
            "content_type",
        )[: limit + 1]
    )
    return found[:limit], len(found) > limit


DOWNLOADS_SHOWN = 50


def evidence_downloads(*, item: EvidenceItem) -> tuple[list[EvidenceDownload], int]:
    """The latest openings of a restricted item (who and when), and how many there were."""
    downloads = EvidenceDownload.objects.for_organisation(item.organisation_id).filter(item=item)
    latest = list(downloads.select_related("user")[:DOWNLOADS_SHOWN])
    total = len(latest) if len(latest) < DOWNLOADS_SHOWN else downloads.count()
    return latest, total
