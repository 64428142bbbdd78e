"""Staff (from an HR system) and training completions (from a learning platform) through the
shared spreadsheet import (`imports`): the upload, column mapping, preview and confirm are
that component's; these importers say what the files hold, check the rows
(`training.import_checks`) and write them in bulk with their history.

Matching, so importing the same file again updates rather than duplicates:
- staff: on staff number when the row has one; otherwise, or when no one has that number yet,
  on email, then on name and start date, among staff who have no staff number (so a later export
  that adds numbers updates the people already there). A person matched by email or name keeps
  the file's staff number.
- completions: the member of staff (staff number, else email, else a name only one person has),
  the course (its catalogue title, ignoring capitals and spacing) and the date completed.
An empty cell leaves what is recorded as it is; it never clears a value. A file may give the
first name and surname instead of the full name: the check joins them.
"""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.checks import CREATE, UPDATE, RowResult
from imports.registry import Importer, register
from tenancy.models import Organisation
from tenancy.roles import Perm
from training.import_checks import check_completion_rows, check_staff_rows
from training.import_fields import (
    COMPLETION_FIELDS,
    COMPLETIONS,
    MAX_IMPORT_ROWS,
    STAFF,
    STAFF_FIELDS,
    who_problems,
)
from training.models import Completion, StaffMember
from training.services import STAFF_FIELDS as STAFF_MODEL_FIELDS

BATCH_SIZE = 500


class _TrainingImporter(Importer):
    perm = Perm.MANAGE_COMPLIANCE_WORK
    max_rows = MAX_IMPORT_ROWS

    def mapping_problems(self, mapping: dict[str, int | None]) -> dict[str, str]:
        return who_problems(self.key, mapping)

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        self.apply_rows([row], organisation=organisation, by=by)


@register
class StaffImporter(_TrainingImporter):
    key = STAFF
    model = StaffMember
    label = _("Staff (from your HR system)")
    noun = _("member of staff")
    done_url = "training:staff_list"
    fields = STAFF_FIELDS
    preview_keys = ("name", "staff_number", "role_group", "start_date")
    needs = _(
        "A name (or first name and surname), a role (such as Tutor, Assessor, Board member, "
        "DSL, Support) and a start date for each person; optionally a staff number, email, site "
        "and leaving date. Column names from most HR systems are recognised."
    )
    matching = _(
        "Importing the same file again updates the people already there rather than adding "
        "them twice: staff are matched on staff number, then email, then name and start date."
    )

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        return check_staff_rows(list(rows), organisation_id=organisation.pk, labels=labels)

    def apply_rows(self, rows: list[RowResult], *, organisation: Organisation, by: Any) -> bool:
        new = [
            StaffMember(organisation=organisation, created_by=by, **_staff_values(r.fields))
            for r in rows
            if r.action == CREATE
        ]
        bulk_create_with_history(new, StaffMember, batch_size=BATCH_SIZE, default_user=by)
        updates = {r.target: r for r in rows if r.action == UPDATE}
        if not updates:
            return True
        targets = StaffMember.objects.for_organisation(organisation).in_bulk(list(updates))
        for pk, person in targets.items():
            for key, value in _staff_values(updates[pk].fields).items():
                if value not in ("", None):
                    setattr(person, key, value)
            person.updated_at = timezone.now()
        bulk_update_with_history(
            list(targets.values()),
            StaffMember,
            [*STAFF_MODEL_FIELDS, "updated_at"],
            batch_size=BATCH_SIZE,
            default_user=by,
        )
        return True


def _staff_values(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in STAFF_MODEL_FIELDS}


@register
class CompletionImporter(_TrainingImporter):
    key = COMPLETIONS
    model = Completion
    label = _("Training completions (from your learning platform)")
    noun = _("completion")
    done_url = "training:matrix"
    fields = COMPLETION_FIELDS
    preview_keys = ("name", "course", "completed_on", "score")
    needs = _(
        "Who (staff number, email or name), the course (as named in your catalogue) and the "
        "date completed for each completion; optionally a score. Import the staff first."
    )
    matching = _(
        "Importing the same file again updates the completions already there (the same person, "
        "course and date: a new score) rather than adding them twice."
    )

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        return check_completion_rows(
            list(rows),
            organisation_id=organisation.pk,
            labels=labels,
            today=timezone.localdate(),
        )

    def apply_rows(self, rows: list[RowResult], *, organisation: Organisation, by: Any) -> bool:
        new = [
            Completion(
                organisation=organisation,
                staff_id=r.fields["staff_id"],
                course_id=r.fields["course_id"],
                completed_on=r.fields["completed_on"],
                score=r.fields["score"],
                recorded_by=by,
            )
            for r in rows
            if r.action == CREATE
        ]
        bulk_create_with_history(new, Completion, batch_size=BATCH_SIZE, default_user=by)
        updates = {r.target: r for r in rows if r.action == UPDATE}
        if not updates:
            return True
        targets = Completion.objects.for_organisation(organisation).in_bulk(list(updates))
        for pk, completion in targets.items():
            completion.score = updates[pk].fields["score"]
            completion.updated_at = timezone.now()
        bulk_update_with_history(
            list(targets.values()),
            Completion,
            ["score", "updated_at"],
            batch_size=BATCH_SIZE,
            default_user=by,
        )
        return True
