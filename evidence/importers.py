"""A list of evidence links (documents kept on SharePoint, Google Drive, the website) from a
spreadsheet, through the spreadsheet import (`imports`).

Each row becomes a link in the evidence library through `evidence.services` (the same checks
and history as one added by hand). The web address is the key: importing the list again
updates the link already in the library with that address rather than adding it twice.
Restricted items are matched only for those who may see them (`evidence.services`).
"""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence.models import EvidenceItem, EvidenceKind, Sensitivity
from evidence.services import evidence_create, evidence_update, is_web_address, sees_restricted
from imports.checks import (
    CREATE,
    UNCHANGED,
    UPDATE,
    MemberIndex,
    RowCheck,
    RowResult,
    changes_between,
)
from imports.registry import Field, Importer, register
from tenancy.models import Organisation
from tenancy.roles import Perm

CHANGED_FIELDS = ("title", "description", "owner", "effective_date", "valid_until")


@register
class EvidenceLinkImporter(Importer):
    key = "evidence_links"
    model = EvidenceItem
    label = _("Evidence links (documents kept elsewhere)")
    noun = _("link")
    perm = Perm.MANAGE_COMPLIANCE_WORK
    done_url = "evidence:list"
    needs = _(
        "A title, a web address (https://…) and an owner (a member's name or email) for each "
        "document; optionally a description, the date it is effective from (today if empty) "
        "and the date it is valid until."
    )
    matching = _(
        "Importing the same list again updates the links already in the library with the same "
        "web address."
    )
    preview_keys = ("title", "url", "owner")
    fields = (
        Field(
            "title", _("Title"), ("document", "name", "document title", "evidence"), required=True
        ),
        Field(
            "url",
            _("Web address"),
            ("url", "link", "address", "web link", "location", "sharepoint link", "href"),
            required=True,
        ),
        Field("description", _("Description"), ("details", "notes", "summary")),
        Field(
            "owner",
            _("Owner"),
            ("responsible", "document owner", "keeper", "who"),
            required=True,
            hint=_("A member's name or email: who keeps it current."),
        ),
        Field(
            "effective_date",
            _("Effective date"),
            ("effective from", "date", "version date", "issued", "approved"),
        ),
        Field(
            "valid_until",
            _("Valid until"),
            ("review date", "expiry date", "expires", "next review", "valid to"),
        ),
    )

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        members = MemberIndex(organisation)
        links = EvidenceItem.objects.for_organisation(organisation).filter(
            kind=EvidenceKind.LINK, archived_at=None
        )
        if not sees_restricted(organisation, by):
            links = links.filter(sensitivity=Sensitivity.NORMAL)
        existing: dict[str, EvidenceItem] = {}
        for item in links.select_related("owner").order_by("pk"):
            existing.setdefault(item.url, item)
        today = timezone.localdate()
        seen: dict[str, int] = {}
        results = []
        field_labels = {f.key: str(f.label).lower() for f in self.fields}
        for number, values in rows:
            result = RowResult(number, values)
            results.append(result)
            row = RowCheck(result, labels)
            url = _url(row, seen)
            seen.setdefault(url, number)
            fields = {
                "title": row.text("title", required=True, max_length=200),
                "description": row.text("description"),
                "owner": members.find(row, "owner", required=True),
                "effective_date": row.day("effective_date") or today,
                "valid_until": row.day("valid_until"),
            }
            start, end = fields["effective_date"], fields["valid_until"]
            if end and end < start:
                row.error("valid_until", gettext("This is before the effective date."))
            result.fields = {**fields, "url": url}  # what the preview shows, as read
            if result.errors:
                continue
            result.target = existing.get(url)
            if result.target is not None and not row.raw("effective_date"):
                fields["effective_date"] = result.target.effective_date  # empty keeps it
            result.fields = {**fields, "url": url}
            if result.target is None:
                result.action = CREATE
            else:
                result.changes = changes_between(result.target, fields, field_labels)
                result.action = UPDATE if result.changes else UNCHANGED
        return results

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        if row.action == CREATE:
            evidence_create(organisation=organisation, by=by, kind=EvidenceKind.LINK, **row.fields)
        else:
            evidence_update(item=row.target, by=by, kind=EvidenceKind.LINK, **row.fields)


def _url(row: RowCheck, seen: dict[str, int]) -> str:
    """The row's web address, with an error if it is not one or an earlier row has it."""
    url = row.text("url", required=True, max_length=1000)
    if url and not is_web_address(url):
        row.error(
            "url",
            gettext("“%(url)s” is not a web address starting with https://.") % {"url": url},
        )
    elif url in seen:
        row.error(
            "url",
            gettext("Row %(row)s has the same web address: each link once.") % {"row": seen[url]},
        )
    return url
