"""An existing action plan from a spreadsheet, through the spreadsheet import (`imports`).

Each row becomes an action through `actionplans.services` (the same checks, owner permission
and history as one added by hand). Importing the file again updates rather than duplicates:
an action keeps the row's reference (or, in a file without references, its title) in
`source_key` as "import:<reference>", and a later row with the same reference is that action.
"""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, Priority
from actionplans.services import action_create, action_update
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
from tenancy.models import Organisation
from tenancy.roles import Perm

KEY_PREFIX = "import:"
CHANGED_FIELDS = ("title", "description", "owner", "due_date", "priority")


def source_key(reference: str) -> str:
    return (KEY_PREFIX + normal(reference))[:120]


@register
class ActionImporter(Importer):
    key = "actions"
    model = Action
    label = _("Actions (an existing action plan)")
    noun = _("action")
    perm = Perm.MANAGE_COMPLIANCE_WORK
    done_url = "actionplans:index"
    needs = _(
        "A title, an owner (a member's name or email) and a due date for each action; "
        "optionally a reference, a description and a priority (high, medium or low)."
    )
    matching = _(
        "Importing the same plan again updates the actions it brought in: rows are matched on "
        "the reference column (or, without one, on the title)."
    )
    preview_keys = ("reference", "title", "owner", "due_date")
    fields = (
        Field(
            "reference",
            _("Reference"),
            ("ref", "ref no", "action ref", "action no", "action number", "no", "number", "id"),
            hint=_("Your plan's own number for each action: how a second import finds it again."),
        ),
        Field(
            "title",
            _("Title"),
            ("action", "action title", "what", "task", "improvement action", "summary"),
            required=True,
        ),
        Field("description", _("Description"), ("details", "detail", "notes", "how", "steps")),
        Field(
            "owner",
            _("Owner"),
            ("lead", "responsible", "who", "assigned to", "owner email", "lead officer"),
            required=True,
            hint=_("A member's name or email."),
        ),
        Field(
            "due_date",
            _("Due date"),
            ("due", "deadline", "target date", "by when", "completion date", "date due"),
            required=True,
        ),
        Field("priority", _("Priority"), ("rag", "importance", "urgency")),
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
            a.source_key: a
            for a in Action.objects.for_organisation(organisation)
            .filter(source_key__startswith=KEY_PREFIX)
            .select_related("owner")
        }
        seen: dict[str, int] = {}
        results = []
        for number, values in rows:
            result = RowResult(number, values)
            results.append(result)
            row = RowCheck(result, labels)
            fields = {
                "title": row.text("title", required=True, max_length=200),
                "description": row.text("description"),
                "owner": members.find(row, "owner", required=True),
                "due_date": row.day("due_date", required=True),
                "priority": row.choice("priority", Priority, default=Priority.MEDIUM),
            }
            key = source_key(values.get("reference") or values.get("title", ""))
            if key in seen:
                row.error(
                    "reference" if values.get("reference") else "title",
                    gettext("Row %(row)s has the same reference: each action once.")
                    % {"row": seen[key]},
                )
            seen.setdefault(key, number)
            result.fields = {**fields, "source_key": key}  # what the preview shows, as read
            if result.errors:
                continue
            result.target = existing.get(key)
            if result.target is None:
                result.action = CREATE
            else:
                result.changes = changes_between(result.target, fields, _labels(self))
                result.action = UPDATE if result.changes else UNCHANGED
        return results

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        fields = dict(row.fields)
        if row.action == CREATE:
            action_create(organisation=organisation, by=by, **fields)
        else:
            fields.pop("source_key")
            action_update(action=row.target, by=by, **fields)


def _labels(importer: Importer) -> dict[str, str]:
    return {f.key: str(f.label).lower() for f in importer.fields}
