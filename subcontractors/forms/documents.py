"""A document the lead provider uploads for a subcontractor."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import date_field
from core.uploads import ACCEPT_ATTRIBUTE
from subcontractors.forms.fields import file_help_text, member_field, validated_upload
from subcontractors.models import (
    DocumentKind,
)
from tenancy.models import Organisation


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what kind of document it is.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example, “Employer's liability insurance 2026/27”."),
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,  # inspect_upload says so, naming the file
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": gettext_lazy("Choose a file to upload.")},
    )
    expires_on = date_field(
        gettext_lazy("Expiry date"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty if it does not expire. The responsible person is reminded "
            "before this date."
        ),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help_text()
        self.fields["owner"] = member_field(
            organisation,
            label=gettext("Responsible person"),
            required_message=gettext_lazy("Choose who is reminded before it expires."),
        )

    @property
    def file_was_dropped(self) -> bool:
        return self.is_bound and bool(self.errors) and bool(self.files.get("file"))

    def clean_file(self):
        return validated_upload(self.cleaned_data.get("file"))
