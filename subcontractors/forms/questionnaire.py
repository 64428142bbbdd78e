"""The questionnaire, as the subcontractor answers it through its link."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import date_field
from core.uploads import ACCEPT_ATTRIBUTE
from subcontractors.checklist import (
    AUTHORITY_DECLARATION,
    POLICY_REVIEW_DATE,
    TRAINING_PERCENTAGE,
    ChecklistItem,
)
from subcontractors.forms.fields import (
    PoundsField,
    choice_field,
    file_help_text,
    validated_upload,
)
from subcontractors.models import AuthorityBasis, AuthorityStatus, ItemStatus

DECLARED_STATUS_CHOICES = [
    (AuthorityStatus.YES, gettext_lazy("Yes, we are a specified authority in our own right")),
    (AuthorityStatus.NO, gettext_lazy("No, we are not")),
    (AuthorityStatus.UNKNOWN, gettext_lazy("We do not know")),
]


class ItemForm(forms.Form):
    """One checklist entry, as the subcontractor answers it. Nothing is required until they
    submit: they may save and come back."""

    status = forms.ChoiceField(
        label=gettext_lazy("Is it in place?"),
        choices=ItemStatus.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=gettext_lazy("Upload a document"),
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    remove = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(
        self, data=None, files=None, *, entry: ChecklistItem, documents=(), **kwargs
    ) -> None:
        super().__init__(data, files, prefix=entry.key, **kwargs)
        self.entry = entry
        self.documents = list(documents)
        choice_field(self, "remove").choices = [
            (str(d.code), d.original_filename) for d in documents
        ]
        self.fields["file"].help_text = file_help_text()
        if entry.extra == POLICY_REVIEW_DATE:
            self.fields["policy_review_date"] = date_field(
                gettext_lazy("Date the policy is next reviewed"),
                required=False,
                help_text=gettext("For example, 31/8/2027."),
            )
        if entry.extra == TRAINING_PERCENTAGE:
            self.fields["training_percentage"] = forms.IntegerField(
                label=gettext("Staff who have completed Prevent training (%)"),
                required=False,
                min_value=0,
                max_value=100,
                help_text=gettext(
                    "Of the staff who work with our learners, a whole number from 0 to 100."
                ),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": gettext("Enter a whole number from 0 to 100."),
                    "min_value": gettext_lazy("Enter a whole number from 0 to 100."),
                    "max_value": gettext_lazy("Enter a whole number from 0 to 100."),
                },
            )

        if entry.extra == AUTHORITY_DECLARATION:
            self.fields.update(declaration_fields())

    @property
    def file_was_dropped(self) -> bool:
        return self.is_bound and bool(self.files.get(self.add_prefix("file")))

    def clean_file(self):
        return validated_upload(self.cleaned_data.get("file"))

    @classmethod
    def initial_for(cls, item) -> dict:
        return {
            "status": item.status,
            "notes": item.notes,
            "policy_review_date": item.policy_review_date,
            "training_percentage": item.training_percentage,
            "declared_authority": item.declared_authority,
            "declared_basis": item.declared_basis,
            "declared_funding_all_leads": item.declared_funding_all_leads,
            "declared_funders": item.declared_funders,
        }


def declaration_fields() -> dict[str, forms.Field]:
    """The specified-authority declaration, in the fields the lead records the status with."""
    return {
        "declared_authority": forms.ChoiceField(
            label=gettext(
                "Are you a specified authority under the Prevent duty in your own right?"
            ),
            choices=DECLARED_STATUS_CHOICES,
            required=False,
            widget=forms.RadioSelect,
        ),
        "declared_basis": forms.ChoiceField(
            label=gettext("On what basis?"),
            choices=[("", gettext_lazy("Choose")), *AuthorityBasis.choices],
            required=False,
            help_text=gettext(
                "Whichever applies; if you are not a specified authority, say which of "
                "these you checked, or none."
            ),
        ),
        "declared_funding_all_leads": PoundsField(
            label=gettext(
                "Your total funding as a subcontractor from all lead providers this funding "
                "year (£)"
            ),
            required=False,
            help_text=gettext("From every lead provider, not only us. For example, 125,000."),
        ),
        "declared_funders": forms.CharField(
            label=gettext("Who funds it"),
            required=False,
            max_length=300,
            help_text=gettext("For example: DfE; Greater Manchester Combined Authority."),
        ),
    }


class SubmitForm(forms.Form):
    """Who is submitting; needed only for "Submit"."""

    name = forms.CharField(label=gettext_lazy("Your name"), required=False, max_length=150)
    role = forms.CharField(
        label=gettext_lazy("Your role"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("For example, Prevent lead."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I confirm that these answers are accurate and that I may give them on behalf of "
            "my organisation."
        ),
        required=False,
    )

    def check_for_submission(self) -> bool:
        """Add the errors that stop a submission; True if there are none."""
        data = self.cleaned_data
        if not data.get("name", "").strip():
            self.add_error("name", gettext("Enter your name."))
        if not data.get("role", "").strip():
            self.add_error("role", gettext("Enter your role."))
        if not data.get("confirm"):
            self.add_error("confirm", gettext("Confirm that the answers are accurate."))
        return not self.errors
