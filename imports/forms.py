"""The import's forms: the upload (kind and file, checked by content) and the column mapping."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core.uploads import CSV, ODS, XLSX, inspect_upload
from imports.models import ImportJob
from imports.preview import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, mapping_problems
from imports.registry import Importer

NOT_IN_FILE = ""
SPREADSHEETS = (CSV, XLSX, ODS)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file list?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the file lists.",
            "invalid_choice": "Choose one of the lists you may import.",
        },
    )
    file = forms.FileField(
        label="Spreadsheet (XLSX, ODS or CSV)",
        allow_empty_file=True,  # inspect_upload says so, naming the file
        help_text="One row per item, under a header row naming the columns. Up to "
        f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB and {MAX_IMPORT_ROWS:,} rows.",
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
        error_messages={"required": "Choose the spreadsheet to import."},
    )

    def __init__(self, *args: Any, importers: list[Importer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.importers = {i.key: i for i in importers}
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(i.key, i.label) for i in importers]

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        inspected = inspect_upload(upload)  # by content: a renamed program is refused
        if inspected.file_type not in SPREADSHEETS:
            raise ValidationError(
                f"This is {inspected.file_type.label}: save the list as an Excel workbook "
                "(.xlsx), an OpenDocument spreadsheet (.ods) or a CSV file and upload that."
            )
        if inspected.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; split it."
            )
        return upload

    @property
    def importer(self) -> Importer:
        return self.importers[self.cleaned_data["kind"]]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_choices(job: ImportJob) -> list[tuple[str, str]]:
    choices = [(NOT_IN_FILE, "Not in the file")]
    for index, header in enumerate(job.headers):
        choices.append((str(index), f"Column {column_letter(index)}: {header or '(no header)'}"))
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
                    "invalid_choice": "Choose one of the file's columns.",
                    "required": f"Choose the column that holds the {f.label.lower()}.",
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
