"""From an uploaded file to a preview: read the cells (`core.tabular`, CSV, XLSX or ODS), find
the header, guess each field's column from its header, and check every row with the kind's
importer. Reads only; nothing here writes.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from core.tabular import ReadFile, TableError, guess_mapping, read_rows_under_header
from imports.checks import CREATE, ERROR, UNCHANGED, UPDATE, RowResult
from imports.models import ImportJob
from imports.registry import MAX_IMPORT_ROWS, Field, Importer

MAX_IMPORT_BYTES = 5 * 1024 * 1024
PREVIEW_LIMIT_ERRORS = 200


def synonyms(importer: Importer) -> dict[str, tuple[str, ...]]:
    return {f.key: f.names() for f in importer.fields}


def read_upload(content: bytes, importer: Importer) -> ReadFile:
    """The header and the non-empty rows under it (up to the importer's row limit). Raises
    core.tabular.TableError."""
    limit = row_limit(importer)
    read = read_rows_under_header(
        content, synonyms(importer), max_rows=limit, max_bytes=MAX_IMPORT_BYTES
    )
    rows = read.rows
    if len(rows) > limit:
        raise TableError(
            gettext(
                "The file has %(count)s rows; up to %(limit)s can be imported at once. Split it "
                "into smaller files and import each."
            )
            % {"count": f"{len(rows):,}", "limit": f"{limit:,}"}
        )
    if not rows:
        raise TableError(gettext("The file has a header row but no rows under it."))
    return read


def row_limit(importer: Importer) -> int:
    """The most rows one file of this kind may hold."""
    return importer.max_rows or MAX_IMPORT_ROWS


def guessed_mapping(headers: list[str], importer: Importer) -> dict[str, int | None]:
    return guess_mapping(headers, synonyms(importer))


def stored_mapping(job: ImportJob) -> dict[str, int | None]:
    return {key: (int(v) if v is not None else None) for key, v in job.mapping.items()}


def column_samples(job: ImportJob, count: int = 3) -> list[list[str]]:
    """A few filled values from each column, so the person can tell the columns apart."""
    samples: list[list[str]] = [[] for _ in job.headers]
    for _number, cells in job.rows[:200]:
        for index, cell in enumerate(cells[: len(samples)]):
            shown = cell if len(cell) <= 40 else cell[:39] + "…"
            if cell and len(samples[index]) < count and shown not in samples[index]:
                samples[index].append(shown)
    return samples


def mapping_problems(importer: Importer, mapping: dict[str, int | None]) -> dict[str, str]:
    """Problems with a chosen mapping, by field key: a required field with no column, a column
    chosen for two fields, and the importer's own rules."""
    problems: dict[str, str] = {}
    for f in importer.fields:
        if f.required and mapping.get(f.key) is None:
            problems[f.key] = choose_column(f)
    used: dict[int, str] = {}
    for f in importer.fields:
        column = mapping.get(f.key)
        if column is None:
            continue
        if column in used:
            problems.setdefault(
                f.key,
                gettext("That column is already chosen for %(field)s.") % {"field": used[column]},
            )
        used.setdefault(column, str(f.label))
    for key, message in importer.mapping_problems(mapping).items():
        problems.setdefault(key, message)
    return problems


def choose_column(f: Field) -> str:
    return gettext("Choose the column that holds the %(field)s.") % {"field": str(f.label).lower()}


def mapped_values(job: ImportJob, importer: Importer) -> list[tuple[int, dict[str, str]]]:
    """Each row's cells by field key, following the mapping (unmapped fields are empty)."""
    mapping = stored_mapping(job)
    result = []
    for number, cells in job.rows:
        values = {}
        for f in importer.fields:
            column = mapping.get(f.key)
            values[f.key] = cells[column] if column is not None and column < len(cells) else ""
        result.append((number, values))
    return result


def column_labels(job: ImportJob, importer: Importer) -> dict[str, str]:
    """How an error names a field: its label and the file's column, e.g. "Title (“Action”)"."""
    mapping = stored_mapping(job)
    labels = {}
    for f in importer.fields:
        column = mapping.get(f.key)
        header = job.headers[column] if column is not None and column < len(job.headers) else ""
        label = str(f.label)
        labels[f.key] = (
            gettext("%(field)s (column “%(header)s”)") % {"field": label, "header": header}
            if header and header != label
            else label
        )
    return labels


@dataclass
class Preview:
    importer: Importer
    rows: list[RowResult]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in (CREATE, UPDATE, UNCHANGED, ERROR)}

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def can_confirm(self) -> bool:
        return (
            bool(self.rows)
            and not self.error_rows
            and (self.count(CREATE) + self.count(UPDATE) > 0)
        )


def build_preview(job: ImportJob, importer: Importer, *, by: Any) -> Preview:
    """What confirming the job would do, row by row (reads, never writes)."""
    results = importer.check(
        mapped_values(job, importer),
        organisation=job.organisation,
        labels=column_labels(job, importer),
        by=by,
    )
    return Preview(importer=importer, rows=results)
