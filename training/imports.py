"""Importing staff or training completions from an HR or learning-platform spreadsheet.

1. `read_upload` reads the file once (`core.tabular`, the one reader for every import) into
   the header and rows an `ImportBatch` keeps; the file itself is never stored.
2. The columns are guessed from their headers (`core.tabular.guess_mapping`); the person can
   change each one (`import_fields.check_mapping`).
3. `build_preview` checks every row against the organisation's staff and catalogue (a fixed
   number of queries whatever the file's size) and says, per row, what confirming would do:
   create, update or leave unchanged, or the errors (row, column, reason) that stop it.

Matching, so importing the same file again updates rather than duplicates:
- staff: on staff number when the row has one; otherwise, or when no one has that number yet,
  on email, then on name and start date, among staff who have no staff number (so a later export
  that adds numbers updates the people already there). A person matched by email or name keeps
  the file's staff number.
- completions: the member of staff (staff number, else email, else a name only one person has),
  the course (its catalogue title, ignoring capitals and spacing) and the date completed.
An empty cell leaves what is recorded as it is; it never clears a value.
"""

from dataclasses import dataclass
from datetime import date

from core.tabular import ReadFile, TableError, guess_mapping, read_rows_under_header
from training.import_checks import RowResult, check_completion_rows, check_staff_rows
from training.import_fields import FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, synonyms
from training.import_models import ImportBatch, ImportKind

PREVIEW_LIMIT_ERRORS = 200


def read_upload(content: bytes, kind: str) -> ReadFile:
    """The header and the non-empty rows under it. Raises core.tabular.TableError."""
    read = read_rows_under_header(
        content, synonyms(kind), max_rows=MAX_IMPORT_ROWS, max_bytes=MAX_IMPORT_BYTES
    )
    rows = read.rows
    if len(rows) > MAX_IMPORT_ROWS:
        raise TableError(f"The file has more than {MAX_IMPORT_ROWS:,} rows; split it.")
    return read


def guessed_mapping(batch: ImportBatch) -> dict[str, int | None]:
    return guess_mapping(batch.headers, synonyms(batch.kind))


def column_samples(batch: ImportBatch, count: int = 3) -> list[list[str]]:
    """A few filled values from each column, so the person can tell the columns apart."""
    samples: list[list[str]] = [[] for _ in batch.headers]
    for _number, cells in batch.rows[:200]:
        for index, cell in enumerate(cells):
            if cell and len(samples[index]) < count and cell not in samples[index]:
                samples[index].append(cell[:40])
    return samples


@dataclass
class Preview:
    kind: str
    rows: list[RowResult]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("create", "update", "unchanged", "error")}

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def can_confirm(self) -> bool:
        return (
            bool(self.rows)
            and not self.error_rows
            and (self.count("create") + self.count("update") > 0)
        )


def mapped_values(batch: ImportBatch, mapping: dict[str, int | None]) -> list[tuple[int, dict]]:
    """Each row's cells by field key, following the mapping (unmapped fields are empty)."""
    keys = [f.key for f in FIELDS[batch.kind]]
    result = []
    for number, cells in batch.rows:
        values = {}
        for key in keys:
            column = mapping.get(key)
            values[key] = cells[column] if column is not None and column < len(cells) else ""
        if values.get("first_name") or values.get("last_name"):
            joined = " ".join(v for v in (values["first_name"], values["last_name"]) if v)
            values["name"] = values.get("name") or joined
        result.append((number, values))
    return result


def stored_mapping(batch: ImportBatch) -> dict[str, int | None]:
    return {key: (int(v) if v is not None else None) for key, v in batch.mapping.items()}


def build_preview(batch: ImportBatch, *, today: date) -> Preview:
    """What confirming the batch would do, row by row (reads, never writes)."""
    mapping = stored_mapping(batch)
    rows = mapped_values(batch, mapping)
    labels = column_labels(batch, mapping)
    if batch.kind == ImportKind.STAFF:
        results = check_staff_rows(rows, organisation_id=batch.organisation_id, labels=labels)
    else:
        results = check_completion_rows(
            rows, organisation_id=batch.organisation_id, labels=labels, today=today
        )
    return Preview(kind=batch.kind, rows=results)


def column_labels(batch: ImportBatch, mapping: dict[str, int | None]) -> dict[str, str]:
    """How an error names a field: its label and the file's column, e.g. "Start date (Hired)"."""
    labels = {}
    for f in FIELDS[batch.kind]:
        column = mapping.get(f.key)
        header = batch.headers[column] if column is not None and column < len(batch.headers) else ""
        labels[f.key] = (
            f"{f.label} (column “{header}”)" if header and header != f.label else f.label
        )
    return labels
