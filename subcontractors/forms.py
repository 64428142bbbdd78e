from datetime import timedelta
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import DateInput, MemberChoiceField
from core.uploads import ACCEPT_ATTRIBUTE, ACCEPTED_SUMMARY, inspect_upload
from evidence.selectors import evidence_owner_choices
from subcontractors.checklist import POLICY_REVIEW_DATE, TRAINING_PERCENTAGE, ChecklistItem
from subcontractors.models import (
    DocumentKind,
    FundingStream,
    ItemStatus,
    Rag,
    Region,
    RiskRating,
    Subcontractor,
    SubcontractorStatus,
    VisitFinding,
    VisitType,
)
from tenancy.models import Organisation

DATE_INVALID = "Enter a real date, for example 1/9/2026."


def member_field(organisation: Organisation, *, label: str, required_message: str, **kwargs):
    return MemberChoiceField(
        queryset=evidence_owner_choices(organisation=organisation),
        label=label,
        empty_label="Choose a person",
        error_messages={
            "invalid_choice": f"Choose someone who is a member of {organisation}.",
            "required": required_message,
        },
        **kwargs,
    )


def date_field(label: str, *, required: bool = False, required_message: str = "", **kwargs):
    messages = {"invalid": DATE_INVALID}
    if required_message:
        messages["required"] = required_message
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages=messages,
        **kwargs,
    )


class PoundsField(forms.DecimalField):
    """An amount in pounds: "£125,000", "125000" and "125,000.50" are all understood."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace(" ", "").removeprefix("£")
        return super().to_python(value)

    def prepare_value(self, value):
        return f"{value:.2f}" if isinstance(value, Decimal) else value


class SubcontractorForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the subcontractor's name."}
    )
    ukprn = forms.CharField(
        label="UKPRN",
        max_length=8,
        help_text="8 digits, starting with 1. Find it on the UK Register of Learning Providers.",
        validators=Subcontractor._meta.get_field("ukprn").validators,
        error_messages={
            "required": "Enter the subcontractor's UKPRN.",
            "max_length": "A UKPRN is 8 digits and starts with 1, for example 10012345.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label="Status",
        choices=SubcontractorStatus.choices,
        widget=forms.RadioSelect,
        initial=SubcontractorStatus.PROSPECTIVE,
        error_messages={"required": "Choose the status of the subcontract."},
    )
    contact_name = forms.CharField(
        label="Main contact's name",
        max_length=150,
        error_messages={"required": "Enter the name of your main contact there."},
    )
    contact_email = forms.EmailField(
        label="Main contact's email",
        error_messages={
            "required": "Enter your main contact's email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    prevent_lead_name = forms.CharField(
        label="Prevent lead's name",
        max_length=150,
        error_messages={"required": "Enter the name of their Prevent lead."},
    )
    prevent_lead_email = forms.EmailField(
        label="Prevent lead's email",
        help_text="The due diligence questionnaire and its reminders are sent here.",
        error_messages={
            "required": "Enter their Prevent lead's email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    delivery_regions = forms.MultipleChoiceField(
        label="Regions it delivers in",
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one region it delivers in."},
    )
    funding_stream = forms.ChoiceField(
        label="Funding stream",
        choices=[("", "Choose a funding stream"), *FundingStream.choices],
        error_messages={"required": "Choose the funding stream the contract is paid from."},
    )
    contract_value = PoundsField(
        label="Contract value (£)",
        help_text="For the current contract year, for example 125,000. It does not decide "
        "whether the subcontractor is a specified authority: record that below the register "
        "entry, with its basis.",
        error_messages={
            "required": "Enter the contract value in pounds.",
            "invalid": "Enter the contract value in pounds, for example 125,000 or 125000.00.",
            "min_value": "The contract value cannot be negative.",
            "max_digits": "Enter a contract value under £10,000,000,000.",
            "max_whole_digits": "Enter a contract value under £10,000,000,000.",
            "max_decimal_places": "Enter pounds and pence, with no more than 2 decimal places.",
        },
    )
    contract_start = date_field("Contract start date")
    contract_end = date_field("Contract end date")
    risk_rating = forms.ChoiceField(
        label="Prevent risk rating",
        choices=RiskRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the risk rating."},
    )
    risk_reasons = forms.CharField(
        label="Reasons for the risk rating",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for medium or high risk: for example, new to subcontracting, "
        "learners in high-risk settings, or gaps found at the last visit.",
    )
    next_review_date = date_field(
        "Next review date",
        help_text="When its due diligence is next due. Not needed once the subcontract ends.",
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["owner"] = member_field(
            organisation,
            label="Responsible person",
            required_message="Choose who at your organisation manages this subcontractor.",
            help_text="Who at your organisation manages the relationship. They are reminded "
            "before its documents expire.",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        status = cleaned.get("status")
        risk = cleaned.get("risk_rating")
        if risk in (RiskRating.MEDIUM, RiskRating.HIGH) and not cleaned.get("risk_reasons"):
            self.add_error("risk_reasons", "Say why the risk is medium or high.")
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if status in (SubcontractorStatus.ACTIVE, SubcontractorStatus.ENDED):
            if not start and "contract_start" not in self.errors:
                self.add_error("contract_start", "Enter the date the contract started.")
            if not end and "contract_end" not in self.errors:
                self.add_error("contract_end", "Enter the date the contract ends.")
        if start and end and end < start:
            self.add_error("contract_end", "The contract must end on or after its start date.")
        if (
            status != SubcontractorStatus.ENDED
            and not cleaned.get("next_review_date")
            and "next_review_date" not in self.errors
        ):
            self.add_error("next_review_date", "Enter the date its next review is due.")
        return cleaned

    @staticmethod
    def initial_for(subcontractor: Subcontractor) -> dict:
        return {
            name: getattr(subcontractor, name)
            for name in (
                "name",
                "ukprn",
                "status",
                "contact_name",
                "contact_email",
                "prevent_lead_name",
                "prevent_lead_email",
                "delivery_regions",
                "funding_stream",
                "contract_value",
                "contract_start",
                "contract_end",
                "risk_rating",
                "risk_reasons",
                "next_review_date",
            )
        } | {"owner": subcontractor.owner_id}


class RegisterFilterForm(forms.Form):
    risk = forms.ChoiceField(
        label="Risk", required=False, choices=[("", "Any risk"), *RiskRating.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *SubcontractorStatus.choices]
    )
    overdue = forms.BooleanField(label="Review overdue only", required=False)

    def filters(self) -> dict:
        """The filters to apply; anything invalid in the query string is ignored."""
        if not self.is_bound:
            return {"risk": "", "status": "", "overdue": False}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "risk": data.get("risk") or "",
            "status": data.get("status") or "",
            "overdue": bool(data.get("overdue")),
        }


class ReviewStartForm(forms.Form):
    due_date = date_field(
        "Answers due by",
        required=True,
        required_message="Enter the date the answers are due.",
        help_text="The Prevent lead is reminded 14 and 3 days before this date.",
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise ValidationError("The due date must be today or later.")
        return due

    @staticmethod
    def default_due_date():
        return timezone.localdate() + timedelta(days=settings.SUBCONTRACTOR_REVIEW_DAYS)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Comments",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you return it: say what they need to change or add. Optional "
        "when you accept it.",
    )


def validated_upload(upload):
    """The upload, checked by content like evidence uploads (raises ValidationError)."""
    if upload:
        inspect_upload(upload)
    return upload or None


def file_help_text() -> str:
    return f"{ACCEPTED_SUMMARY}, up to {settings.EVIDENCE_MAX_UPLOAD_MB} MB."


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


class VisitForm(forms.Form):
    visit_date = date_field(
        "Date of the visit", required=True, required_message="Enter the date of the visit."
    )
    visit_type = forms.ChoiceField(
        label="Type of visit",
        choices=VisitType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of visit."},
    )
    overall_rag = forms.ChoiceField(
        label="Overall rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        help_text="How well the subcontractor meets the Prevent duty, from what you saw.",
        error_messages={"required": "Choose the overall rating."},
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who you spoke to and what you looked at.",
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visitor"] = member_field(
            organisation, label="Visitor", required_message="Choose who made the visit."
        )
        self.order_fields(["visit_date", "visitor", "visit_type", "overall_rag", "summary"])


class FindingForm(forms.Form):
    number = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(
        label="Finding",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


FindingFormSet = forms.formset_factory(FindingForm, extra=3, max_num=30, absolute_max=40)


def findings_initial(findings: list[VisitFinding]) -> list[dict]:
    return [{"number": f.number, "text": f.text} for f in findings]


class RaiseActionsForm(forms.Form):
    findings = forms.TypedMultipleChoiceField(
        label="Findings that need an action",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick the findings that need an action."},
    )
    due_date = date_field(
        "Due date", required=True, required_message="Enter the date the actions are due."
    )

    def __init__(self, *args, organisation: Organisation, findings: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].choices = [(f.number, f"{f.number}. {f.text}") for f in findings]
        self.fields["owner"] = member_field(
            organisation, label="Owner", required_message="Choose who owns the actions."
        )
        self.order_fields(["findings", "owner", "due_date"])

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise ValidationError("The due date must be today or later.")
        return due


# --- The questionnaire -----------------------------------------------------------------------


class ItemForm(forms.Form):
    """One checklist entry, as the subcontractor answers it. Nothing is required until they
    submit: they may save and come back."""

    status = forms.ChoiceField(
        label="Is it in place?",
        choices=ItemStatus.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label="Upload a document",
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    remove = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, entry: ChecklistItem, documents=(), **kwargs) -> None:
        super().__init__(*args, prefix=entry.key, **kwargs)
        self.entry = entry
        self.documents = list(documents)
        self.fields["remove"].choices = [(str(d.code), d.original_filename) for d in documents]
        self.fields["file"].help_text = file_help_text()
        if entry.extra == POLICY_REVIEW_DATE:
            self.fields["policy_review_date"] = date_field(
                "Date the policy is next reviewed",
                help_text="For example, 31/8/2027.",
            )
        if entry.extra == TRAINING_PERCENTAGE:
            self.fields["training_percentage"] = forms.IntegerField(
                label="Staff who have completed Prevent training (%)",
                required=False,
                min_value=0,
                max_value=100,
                help_text="Of the staff who work with our learners, a whole number from 0 to 100.",
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": "Enter a whole number from 0 to 100.",
                    "min_value": "Enter a whole number from 0 to 100.",
                    "max_value": "Enter a whole number from 0 to 100.",
                },
            )

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
        }


class SubmitForm(forms.Form):
    """Who is submitting; needed only for "Submit"."""

    name = forms.CharField(label="Your name", required=False, max_length=150)
    role = forms.CharField(
        label="Your role", required=False, max_length=150, help_text="For example, Prevent lead."
    )
    confirm = forms.BooleanField(
        label="I confirm that these answers are accurate and that I may give them on behalf of "
        "my organisation.",
        required=False,
    )

    def check_for_submission(self) -> bool:
        """Add the errors that stop a submission; True if there are none."""
        data = self.cleaned_data
        if not data.get("name", "").strip():
            self.add_error("name", "Enter your name.")
        if not data.get("role", "").strip():
            self.add_error("role", "Enter your role.")
        if not data.get("confirm"):
            self.add_error("confirm", "Confirm that the answers are accurate.")
        return not self.errors
