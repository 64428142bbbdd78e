"""The risk register from a spreadsheet through the shared import component (`imports`).

The columns are the DfE 2023 FE template's (`registers.risk_sheet`), so the register's own
export maps itself; any other sheet is mapped by the person. Each row is checked by
`risk_sheet._read_row` (categories, lead officers, scores, dates, the model's checks) and
written through `registers.services` (`risk_create`, `risk_update`).
A section heading row of the template (only a Category, such as "Local risks") is skipped.
Importing the register again updates rather than duplicates: a row whose Risk text is already
in the register (case and spacing ignored) is that risk. The register's old import address
(`registers:risk_import`) redirects here with the risks chosen.
"""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imports.checks import CREATE, UNCHANGED, UPDATE, RowError, RowResult, changes_between, normal
from imports.registry import Field, Importer, register
from registers.models import Risk
from registers.risk_sheet import SCORE_COLUMNS, TEMPLATE_COLUMNS, _read_row, _RowReader
from registers.services.risks import risk_create, risk_update
from tenancy.models import Organisation
from tenancy.roles import Perm

#: field key -> the template's column header (the header is also the field's label).
COLUMNS = {
    "category": "Category",
    "risk": "Risk",
    "hazard": "Hazard",
    "existing_controls": "Risk management",
    "further_action": "Further action needed",
    "owner": "Lead officer",
    "action_due": "Date for completion",
    "likelihood": "Likelihood",
    "impact": "Impact",
    "residual_likelihood": "Likelihood after controls",
    "residual_impact": "Impact after controls",
    "next_review_date": "Next review date",
    "status": "Status",
}
#: The same, as the preview and the mapping name them (in the person's language).
LABELS = {
    "category": _("Category"),
    "risk": _("Risk"),
    "hazard": _("Hazard"),
    "existing_controls": _("Risk management"),
    "further_action": _("Further action needed"),
    "owner": _("Lead officer"),
    "action_due": _("Date for completion"),
    "likelihood": _("Likelihood"),
    "impact": _("Impact"),
    "residual_likelihood": _("Likelihood after controls"),
    "residual_impact": _("Impact after controls"),
    "next_review_date": _("Next review date"),
    "status": _("Status"),
}
REQUIRED = {"category", "risk", "likelihood", "impact"}
SYNONYMS = {
    "risk": ("risk description", "description of risk", "what could happen"),
    "existing_controls": ("existing controls", "controls", "current controls"),
    "owner": ("owner", "lead", "risk owner"),
    "action_due": ("completion date", "due date", "target date"),
}
KEEP_WHEN_EMPTY = ("next_review_date", "status", "owner", "action_due")
HEADING_NOTE = _("A section heading (only a category): skipped.")


@register
class RiskImporter(Importer):
    key = "risks"
    model = Risk
    label = _("Risks (your Prevent risk register)")
    noun = _("risk")
    perm = Perm.MANAGE_COMPLIANCE_WORK
    done_url = "registers:risks"
    needs = _(
        "The DfE 2023 FE template's columns (the register's own export has them all): category, "
        "risk, likelihood and impact for each risk; hazard, risk management, further action, "
        "lead officer, date for completion, scores after controls, next review date and status "
        "if you keep them. Section heading rows such as “Local risks” are skipped."
    )
    matching = _("Importing the register again updates the risks whose Risk text is the same.")
    template_url = "registers:risk_export_xlsx"
    template_label = _("The register's Excel export is a ready-made file in this layout")
    preview_keys = ("category", "risk", "owner", "likelihood", "impact")
    fields = tuple(
        Field(key, LABELS[key], SYNONYMS.get(key, ()), required=key in REQUIRED) for key in COLUMNS
    )

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        reader = _RowReader(organisation, timezone.localdate())
        existing = {
            normal(r.risk): r
            for r in Risk.objects.for_organisation(organisation).select_related("owner")
        }
        seen: dict[str, int] = {}
        results = []
        for number, values in rows:
            result = RowResult(number, values)
            results.append(result)
            if _is_heading(values):
                result.action, result.note = UNCHANGED, str(HEADING_NOTE)
                continue
            by_header = dict.fromkeys([*TEMPLATE_COLUMNS, *SCORE_COLUMNS], "")
            by_header.update({COLUMNS[k]: v for k, v in values.items()})
            fields, errors = _read_row(reader, by_header)
            result.errors = [RowError(_column(message, labels), message) for message in errors]
            key = normal(values.get("risk", ""))
            if key and key in seen:
                message = gettext("Row %(row)s has the same risk: each once.") % {"row": seen[key]}
                result.errors.append(RowError(labels["risk"], message))
            seen.setdefault(key, number)
            result.fields = fields
            if result.errors:
                continue
            result.target = existing.get(key)
            if result.target is None:
                result.action = CREATE
                continue
            for name in KEEP_WHEN_EMPTY:
                if not values.get(name):  # an empty cell leaves what is recorded
                    fields[name] = getattr(result.target, name)
            changed = {k: v for k, v in fields.items() if k in COLUMNS}
            result.changes = changes_between(result.target, changed, _lower(LABELS))
            result.action = UPDATE if result.changes else UNCHANGED
        return results

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        if row.action == CREATE:
            risk_create(organisation=organisation, by=by, **row.fields)
        else:
            risk_update(risk=row.target, by=by, changes=row.fields)


def _is_heading(values: dict[str, str]) -> bool:
    """A template section heading such as "Local risks": a category and nothing else."""
    return bool(values.get("category")) and not any(v for k, v in values.items() if k != "category")


def _column(message: str, labels: dict[str, str]) -> str:
    """The field a risk_sheet message is about: the longest header it starts with."""
    headers = sorted(COLUMNS.items(), key=lambda item: -len(item[1]))
    for key, header in headers:
        if message.startswith(header):
            return labels.get(key, header)
    return gettext("Row")


def _lower(columns: dict[str, Any]) -> dict[str, str]:
    return {k: str(v).lower() for k, v in columns.items()}
