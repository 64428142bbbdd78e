"""The subcontractor register from a spreadsheet, through the spreadsheet import (`imports`).

Each row becomes (or updates) an entry through `subcontractors.services` (the same checks,
owner rule and history as one added by hand). The UKPRN is the key: importing the list again
updates the subcontractor with that UKPRN rather than adding it twice. Specified-authority
status is never imported: it is recorded with its basis on the subcontractor's page.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import label_spellings
from imports.checks import (
    CREATE,
    UNCHANGED,
    UPDATE,
    MemberIndex,
    RowCheck,
    RowResult,
    changes_between,
    normal,
)
from imports.registry import Field, Importer, register
from subcontractors.models import (
    FundingStream,
    Region,
    RiskRating,
    Subcontractor,
    SubcontractorStatus,
)
from subcontractors.services.register import subcontractor_create, subcontractor_update
from tenancy.models import Organisation
from tenancy.roles import Perm


def _person(prefix: str, name: Any, email: Any, *names: str) -> tuple[Field, Field]:
    return (
        Field(f"{prefix}_name", name, names, required=True),
        Field(f"{prefix}_email", email, tuple(f"{n} email" for n in names), required=True),
    )


@register
class SubcontractorImporter(Importer):
    key = "subcontractors"
    model = Subcontractor
    label = _("Subcontractors (your register)")
    noun = _("subcontractor")
    perm = Perm.MANAGE_COMPLIANCE_WORK
    done_url = "subcontractors:index"
    needs = _(
        "For each subcontractor: name, UKPRN, main contact and Prevent lead (names and emails), "
        "funding stream, contract value and risk rating (with the reasons when medium or high); "
        "optionally status, contract dates, next review date and owner."
    )
    matching = _(
        "Importing the same register again updates the subcontractors already there, matched "
        "on UKPRN. Specified-authority status is recorded on each subcontractor's page."
    )
    preview_keys = ("name", "ukprn", "risk_rating", "contract_value")
    fields = (
        Field(
            "name",
            _("Name"),
            ("subcontractor", "provider", "provider name", "organisation"),
            required=True,
        ),
        Field("ukprn", _("UKPRN"), ("ukprn number", "provider number", "ukprn no"), required=True),
        *_person(
            "contact",
            _("Main contact name"),
            _("Main contact email"),
            "contact",
            "main contact",
            "contact name",
        ),
        *_person(
            "prevent_lead",
            _("Prevent lead name"),
            _("Prevent lead email"),
            "prevent lead",
            "prevent contact",
        ),
        Field(
            "delivery_regions",
            _("Delivery regions"),
            ("regions", "region", "delivery region", "areas", "where it delivers"),
            required=True,
            hint=_("English regions, separated by commas (such as London, South East), or All."),
        ),
        Field("funding_stream", _("Funding stream"), ("funding", "stream", "fund"), required=True),
        Field(
            "contract_value",
            _("Contract value"),
            ("value", "contract value £", "allocation", "contract amount"),
            required=True,
        ),
        Field("risk_rating", _("Risk rating"), ("risk", "rating", "risk level"), required=True),
        Field("risk_reasons", _("Risk reasons"), ("reasons", "why", "risk notes")),
        Field("status", _("Status"), ("state", "contract status")),
        Field("contract_start", _("Contract start date"), ("start date", "contract start")),
        Field("contract_end", _("Contract end date"), ("end date", "contract end")),
        Field("next_review_date", _("Next review date"), ("next review", "review date")),
        Field("owner", _("Owner"), ("relationship manager", "managed by", "lead officer")),
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
        existing = {
            s.ukprn: s
            for s in Subcontractor.objects.for_organisation(organisation).select_related("owner")
        }
        seen: dict[str, int] = {}
        results = []
        field_labels = {f.key: str(f.label).lower() for f in self.fields}
        for number, values in rows:
            result = RowResult(number, values)
            results.append(result)
            row = RowCheck(result, labels)
            fields = _fields(row, members)
            ukprn = fields["ukprn"]
            if ukprn in seen:
                row.error(
                    "ukprn",
                    gettext("Row %(row)s has the same UKPRN: each subcontractor once.")
                    % {"row": seen[ukprn]},
                )
            seen.setdefault(ukprn, number)
            result.fields = fields  # what the preview shows, as read
            if result.errors:
                continue
            result.target = existing.get(ukprn)
            if result.target is not None:
                for key in (
                    "status",
                    "owner",
                    "contract_start",
                    "contract_end",
                    "next_review_date",
                ):
                    if not row.raw(key):  # an empty optional cell leaves what is recorded
                        fields[key] = getattr(result.target, key)
            result.fields = fields
            if result.target is None:
                result.action = CREATE
            else:
                result.changes = changes_between(result.target, fields, field_labels)
                result.action = UPDATE if result.changes else UNCHANGED
        return results

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        if row.action == CREATE:
            subcontractor_create(organisation=organisation, by=by, **row.fields)
        else:
            subcontractor_update(subcontractor=row.target, by=by, **row.fields)


def _fields(row: RowCheck, members: MemberIndex) -> dict[str, Any]:
    ukprn = re.sub(r"\s", "", row.text("ukprn", required=True))
    if ukprn and not re.fullmatch(r"1\d{7}", ukprn):
        row.error(
            "ukprn",
            gettext("“%(ukprn)s” is not a UKPRN: eight digits starting with 1.") % {"ukprn": ukprn},
        )
    fields: dict[str, Any] = {
        "name": row.text("name", required=True, max_length=200),
        "ukprn": ukprn,
        "contact_name": row.text("contact_name", required=True, max_length=150),
        "contact_email": row.email("contact_email", required=True),
        "prevent_lead_name": row.text("prevent_lead_name", required=True, max_length=150),
        "prevent_lead_email": row.email("prevent_lead_email", required=True),
        "delivery_regions": _regions(row),
        "funding_stream": row.choice("funding_stream", FundingStream),
        "contract_value": row.money("contract_value", required=True),
        "risk_rating": row.choice("risk_rating", RiskRating),
        "risk_reasons": row.text("risk_reasons"),
        "status": row.choice(
            "status", SubcontractorStatus, default=SubcontractorStatus.PROSPECTIVE
        ),
        "contract_start": row.day("contract_start"),
        "contract_end": row.day("contract_end"),
        "next_review_date": row.day("next_review_date"),
        "owner": members.find(row, "owner"),
    }
    if fields["risk_rating"] in (RiskRating.MEDIUM, RiskRating.HIGH) and not fields["risk_reasons"]:
        row.error("risk_reasons", gettext("Say why the risk is medium or high."))
    start, end = fields["contract_start"], fields["contract_end"]
    if start and end and end < start:
        row.error("contract_end", gettext("The contract must end on or after its start date."))
    return fields


ALL_REGIONS = {"all", "england", "all regions", "national", "nationwide"}


def _regions(row: RowCheck) -> list[str]:
    """The regions a cell names (labels, separated by commas, semicolons or slashes)."""
    text = row.raw("delivery_regions")
    if not text:
        row.error(
            "delivery_regions",
            gettext("This is empty: name at least one English region, or All."),
        )
        return []
    if normal(text) in ALL_REGIONS:
        return list(Region.values)
    by_label = {normal(name): r.value for r in Region for name in label_spellings(r)}
    by_label.update({normal(r.value.replace("_", " ")): r.value for r in Region})
    by_label["yorkshire"] = Region.YORKSHIRE_HUMBER
    found: list[str] = []
    unknown: list[str] = []
    for part in (p.strip() for p in re.split(r"[,;/\n]", text)):
        if part:
            value = by_label.get(normal(part.replace("&", "and")))
            if value:
                found.append(value)
            else:
                unknown.append(part)
    if unknown:
        names = ", ".join(str(r.label) for r in Region)
        row.error(
            "delivery_regions",
            gettext("“%(unknown)s”: not an English region (%(regions)s).")
            % {"unknown": "”, “".join(unknown), "regions": names},
        )
    return [r for r in Region.values if r in found]
