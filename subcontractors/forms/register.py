"""The register entry and the register's filters."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import DATE_INVALID, DateInput
from subcontractors.forms.fields import (
    EMAIL_INVALID,
    PoundsField,
    choice_field,
    member_field,
)
from subcontractors.models import (
    SUBCONTRACTOR_FIELDS,
    FundingStream,
    Region,
    RiskRating,
    Subcontractor,
    SubcontractorStatus,
)
from tenancy.models import Organisation

#: Fields needed only in some states, and when (`clean` holds the rule).
REQUIRED_WHEN = {
    "contract_start": "the subcontract is active or ended",
    "contract_end": "the subcontract is active or ended",
    "next_review_date": "the subcontract has not ended",
}


class SubcontractorForm(forms.ModelForm):
    """The register entry. Labels, lengths and choices come from the model, and so do its rules
    (the constraints report beside their field); this adds the messages and the rules that
    depend on the contract's status."""

    delivery_regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions it delivers in"),
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one region it delivers in.")},
    )

    class Meta:
        model = Subcontractor
        fields = SUBCONTRACTOR_FIELDS
        field_classes = {"contract_value": PoundsField}
        labels = {
            "risk_rating": gettext_lazy("Prevent risk rating"),
            "risk_reasons": gettext_lazy("Reasons for the risk rating"),
        }
        widgets = {
            "ukprn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "status": forms.RadioSelect,
            "risk_rating": forms.RadioSelect,
            "risk_reasons": forms.Textarea(attrs={"rows": 3}),
            "contract_start": DateInput(),
            "contract_end": DateInput(),
            "next_review_date": DateInput(),
        }
        help_texts = {
            "ukprn": "8 digits, starting with 1. Find it on the UK Register of Learning Providers.",
            "prevent_lead_email": "The due diligence questionnaire and its reminders are sent "
            "here.",
            "contract_value": "For the current contract year, for example 125,000. It does not "
            "decide whether the subcontractor is a specified authority: record that below the "
            "register entry, with its basis.",
            "risk_reasons": "Required for medium or high risk: for example, new to "
            "subcontracting, learners in high-risk settings, or gaps found at the last visit.",
            "next_review_date": "When its due diligence is next due. Not needed once the "
            "subcontract ends.",
        }
        error_messages = {
            "name": {"required": gettext_lazy("Enter the subcontractor's name.")},
            "ukprn": {
                "required": gettext_lazy("Enter the subcontractor's UKPRN."),
                "max_length": gettext_lazy(
                    "A UKPRN is 8 digits and starts with 1, for example 10012345."
                ),
            },
            "status": {"required": gettext_lazy("Choose the status of the subcontract.")},
            "contact_name": {
                "required": gettext_lazy("Enter the name of your main contact there.")
            },
            "contact_email": {
                "required": gettext_lazy("Enter your main contact's email address."),
                "invalid": EMAIL_INVALID,
            },
            "prevent_lead_name": {
                "required": gettext_lazy("Enter the name of their Prevent lead.")
            },
            "prevent_lead_email": {
                "required": gettext_lazy("Enter their Prevent lead's email address."),
                "invalid": EMAIL_INVALID,
            },
            "funding_stream": {
                "required": gettext_lazy("Choose the funding stream the contract is paid from.")
            },
            "contract_value": {
                "required": gettext_lazy("Enter the contract value in pounds."),
                "invalid": gettext_lazy(
                    "Enter the contract value in pounds, for example 125,000 or 125000.00."
                ),
                "min_value": gettext_lazy("The contract value cannot be negative."),
                "max_digits": gettext_lazy("Enter a contract value under £10,000,000,000."),
                "max_whole_digits": gettext_lazy("Enter a contract value under £10,000,000,000."),
                "max_decimal_places": gettext_lazy(
                    "Enter pounds and pence, with no more than 2 decimal places."
                ),
            },
            "contract_start": {"invalid": DATE_INVALID},
            "contract_end": {"invalid": DATE_INVALID},
            "risk_rating": {"required": gettext_lazy("Choose the risk rating.")},
            "next_review_date": {"invalid": DATE_INVALID},
        }

    def __init__(self, data=None, *, organisation: Organisation, **kwargs) -> None:
        # Always a fresh instance: the form checks the model's rules on it, and an invalid
        # edit must not change the subcontractor the page shows.
        super().__init__(data, instance=Subcontractor(organisation=organisation), **kwargs)
        self.organisation = organisation
        choice_field(self, "funding_stream").choices = [
            ("", gettext_lazy("Choose a funding stream")),
            *FundingStream.choices,
        ]
        choice_field(self, "risk_rating").choices = RiskRating.choices
        # Optional in some states only: the labels say when they are needed (see clean).
        for name, when in REQUIRED_WHEN.items():
            self.fields[name].required_when = when  # type: ignore[attr-defined]
        self.fields["owner"] = member_field(
            organisation,
            label=gettext("Responsible person"),
            required_message=gettext_lazy(
                "Choose who at your organisation manages this subcontractor."
            ),
            help_text=gettext(
                "Who at your organisation manages the relationship. They are reminded "
                "before its documents expire."
            ),
        )

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        status = cleaned.get("status")
        if status in (SubcontractorStatus.ACTIVE, SubcontractorStatus.ENDED):
            if not cleaned.get("contract_start") and "contract_start" not in self.errors:
                self.add_error("contract_start", gettext("Enter the date the contract started."))
            if not cleaned.get("contract_end") and "contract_end" not in self.errors:
                self.add_error("contract_end", gettext("Enter the date the contract ends."))
        if (
            status != SubcontractorStatus.ENDED
            and not cleaned.get("next_review_date")
            and "next_review_date" not in self.errors
        ):
            self.add_error("next_review_date", gettext("Enter the date its next review is due."))
        return cleaned

    @staticmethod
    def initial_for(subcontractor: Subcontractor) -> dict:
        return forms.model_to_dict(subcontractor, fields=SUBCONTRACTOR_FIELDS)


class RegisterFilterForm(forms.Form):
    risk = forms.ChoiceField(
        label=gettext_lazy("Risk"), required=False, choices=[("", "Any risk"), *RiskRating.choices]
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *SubcontractorStatus.choices],
    )
    overdue = forms.BooleanField(label=gettext_lazy("Review overdue only"), required=False)

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
