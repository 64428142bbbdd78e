"""The import's forms: the upload (kind and file, checked by content) and the column mapping."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core.uploads import CSV, XLSX, inspect_upload
from training.import_fields import FIELDS, MAX_IMPORT_BYTES, check_mapping
from training.import_models import ImportBatch, ImportKind

NOT_IN_FILE = ""


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file list?",
        choices=[
            (ImportKind.STAFF, "Staff (from your HR system)"),
            (ImportKind.COMPLETIONS, "Training completions (from your learning platform)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the file lists staff or completions."},
    )
    file = forms.FileField(
        label="Spreadsheet (XLSX or CSV)",
        allow_empty_file=True,  # inspect_upload says so, naming the file
        help_text="An export with one row per person or completion, under a header row. "
        f"Up to {MAX_IMPORT_BYTES // (1024 * 1024)} MB and 5,000 rows.",
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": "Choose the spreadsheet to import."},
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        inspected = inspect_upload(upload)
        if inspected.file_type not in (CSV, XLSX):
            raise ValidationError(
                f"This is {inspected.file_type.label}: save the export as an Excel workbook "
                "(.xlsx) or a CSV file and upload that."
            )
        if inspected.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; split it."
            )
        return upload


def column_choices(batch: ImportBatch) -> list[tuple[str, str]]:
    choices = [(NOT_IN_FILE, "Not in the file")]
    for index, header in enumerate(batch.headers):
        choices.append((str(index), f"Column {_letter(index)}: {header or '(no header)'}"))
    return choices


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ImportMappingForm(forms.Form):
    """One choice per field: which column holds it (or "not in the file")."""

    def __init__(self, *args, batch: ImportBatch, **kwargs) -> None:
        initial = {
            key: ("" if column is None else str(column)) for key, column in batch.mapping.items()
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.batch = batch
        choices = column_choices(batch)
        for field in FIELDS[batch.kind]:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label,
                choices=choices,
                required=field.required,
                help_text=field.hint,
                error_messages={
                    "invalid_choice": "Choose one of the file's columns.",
                    "required": f"Choose the column that holds the {field.label.lower()}.",
                },
            )

    def mapping(self) -> dict[str, int | None]:
        return {
            key: (None if self.cleaned_data.get(key) in (None, "") else int(self.cleaned_data[key]))
            for key in self.fields
        }

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for key, message in check_mapping(self.batch.kind, self.mapping()).items():
            if key not in self.errors:  # one message per field: its own comes first
                self.add_error(key, message)
        return cleaned
