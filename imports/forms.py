"""The import's forms: the upload (kind and file, checked by content) and the column mapping."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.uploads import CSV, ODS, XLSX, inspect_upload
from imports.models import ImportJob
from imports.preview import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    choose_column,
    mapping_problems,
    row_limit,
)
from imports.registry import Importer

NOT_IN_FILE = ""
SPREADSHEETS = (CSV, XLSX, ODS)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does the file list?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the file lists."),
            "invalid_choice": _("Choose one of the lists you may import."),
        },
    )
    file = forms.FileField(
        label=_("Spreadsheet (XLSX, ODS or CSV)"),
        allow_empty_file=True,  # inspect_upload says so, naming the file
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
        error_messages={"required": _("Choose the spreadsheet to import.")},
    )

    def __init__(self, *args: Any, importers: list[Importer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.importers = {i.key: i for i in importers}
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(i.key, i.label) for i in importers]
        self.fields["file"].help_text = _limits(importers)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        inspected = inspect_upload(upload)  # by content: a renamed program is refused
        if inspected.file_type not in SPREADSHEETS:
            raise ValidationError(
                gettext(
                    "This is %(type)s: save the list as an Excel workbook (.xlsx), an "
                    "OpenDocument spreadsheet (.ods) or a CSV file and upload that."
                )
                % {"type": inspected.file_type.label}
            )
        if inspected.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                gettext("The file is larger than %(size)s MB; split it.")
                % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload

    @property
    def importer(self) -> Importer:
        return self.importers[self.cleaned_data["kind"]]


def _limits(importers: list[Importer]) -> str:
    """The upload's help text: the size and row limits (a list with its own limit named)."""
    limits = {i.key: row_limit(i) for i in importers}
    usual = MAX_IMPORT_ROWS
    text = gettext(
        "One row per item, under a header row naming the columns. Up to %(size)s MB and "
        "%(rows)s rows."
    ) % {"size": MAX_IMPORT_BYTES // (1024 * 1024), "rows": f"{usual:,}"}
    others = [
        gettext("%(list)s: up to %(rows)s rows.") % {"list": i.label, "rows": f"{limits[i.key]:,}"}
        for i in importers
        if limits[i.key] != usual
    ]
    return " ".join([text, *others])


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_choices(job: ImportJob) -> list[tuple[str, str]]:
    choices = [(NOT_IN_FILE, gettext("Not in the file"))]
    for index, header in enumerate(job.headers):
        choices.append(
            (
                str(index),
                gettext("Column %(letter)s: %(header)s")
                % {"letter": column_letter(index), "header": header or gettext("(no header)")},
            )
        )
    return choices


class ImportMappingForm(forms.Form):
    """One choice per field: which column holds it (or "not in the file")."""

    def __init__(self, *args: Any, job: ImportJob, importer: Importer, **kwargs: Any) -> None:
        kwargs["initial"] = {
            key: ("" if column is None else str(column)) for key, column in job.mapping.items()
        }
        super().__init__(*args, **kwargs)
        self.importer = importer
        choices = column_choices(job)
        for f in importer.fields:
            self.fields[f.key] = forms.ChoiceField(
                label=f.label,
                choices=choices,
                required=f.required,
                help_text=f.hint,
                error_messages={
                    "invalid_choice": gettext("Choose one of the file's columns."),
                    "required": choose_column(f),
                },
            )

    def mapping(self) -> dict[str, int | None]:
        return {
            key: (None if self.cleaned_data.get(key) in (None, "") else int(self.cleaned_data[key]))
            for key in self.fields
        }

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for key, message in mapping_problems(self.importer, self.mapping()).items():
            if key not in self.errors:  # one message per field: its own comes first
                self.add_error(key, message)
        return cleaned
