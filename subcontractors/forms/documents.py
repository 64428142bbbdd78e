"""A document the lead provider uploads for a subcontractor."""

from django import forms

from core.forms import date_field
from core.uploads import ACCEPT_ATTRIBUTE
from subcontractors.forms.fields import file_help_text, member_field, validated_upload
from subcontractors.models import (
    DocumentKind,
)
from tenancy.models import Organisation


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of document",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of document it is."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, “Employer's liability insurance 2026/27”.",
        error_messages={"required": "Enter a title."},
    )
    file = forms.FileField(
        label="File",
        allow_empty_file=True,  # inspect_upload says so, naming the file
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": "Choose a file to upload."},
    )
    expires_on = date_field(
        "Expiry date",
        required=False,
        help_text="Leave empty if it does not expire. The responsible person is reminded "
        "before this date.",
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help_text()
        self.fields["owner"] = member_field(
            organisation,
            label="Responsible person",
            required_message="Choose who is reminded before it expires.",
        )

    @property
    def file_was_dropped(self) -> bool:
        return self.is_bound and bool(self.errors) and bool(self.files.get("file"))

    def clean_file(self):
        return validated_upload(self.cleaned_data.get("file"))
