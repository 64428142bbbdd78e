"""A monitoring visit, its findings, and the actions raised from them."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import DATE_INVALID, DateInput, date_field
from subcontractors.forms.fields import (
    choice_field,
    member_field,
    not_in_the_past,
)
from subcontractors.models import (
    VISIT_FIELDS,
    MonitoringVisit,
    Rag,
    VisitFinding,
    VisitType,
)
from tenancy.models import Organisation


class VisitForm(forms.ModelForm):
    class Meta:
        model = MonitoringVisit
        fields = VISIT_FIELDS
        widgets = {
            "visit_date": DateInput(),
            "visit_type": forms.RadioSelect,
            "overall_rag": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "overall_rag": "How well the subcontractor meets the Prevent duty, from what you saw.",
            "summary": "Who you spoke to and what you looked at.",
        }
        error_messages = {
            "visit_date": {
                "required": gettext_lazy("Enter the date of the visit."),
                "invalid": DATE_INVALID,
            },
            "visit_type": {"required": gettext_lazy("Choose the type of visit.")},
            "overall_rag": {"required": gettext_lazy("Choose the overall rating.")},
        }

    def __init__(self, data=None, *, organisation: Organisation, **kwargs) -> None:
        # A fresh instance, as for the register entry: an invalid edit changes nothing shown.
        super().__init__(data, instance=MonitoringVisit(organisation=organisation), **kwargs)
        choice_field(self, "visit_type").choices = VisitType.choices
        choice_field(self, "overall_rag").choices = Rag.choices
        self.fields["visitor"] = member_field(
            organisation, label=gettext("Visitor"), required_message="Choose who made the visit."
        )

    @staticmethod
    def initial_for(visit: MonitoringVisit) -> dict:
        return forms.model_to_dict(visit, fields=VISIT_FIELDS)


class FindingForm(forms.Form):
    number = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(
        label=gettext_lazy("Finding"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


FindingFormSet = forms.formset_factory(FindingForm, extra=3, max_num=30, absolute_max=40)


def findings_initial(findings: list[VisitFinding]) -> list[dict]:
    return [{"number": f.number, "text": f.text} for f in findings]


class RaiseActionsForm(forms.Form):
    findings = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Findings that need an action"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick the findings that need an action.")},
    )
    due_date = date_field(
        "Due date", required=True, required_message="Enter the date the actions are due."
    )

    def __init__(self, *args, organisation: Organisation, findings: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "findings").choices = [
            (f.number, f"{f.number}. {f.text}") for f in findings
        ]
        self.fields["owner"] = member_field(
            organisation, label=gettext("Owner"), required_message="Choose who owns the actions."
        )
        self.order_fields(["findings", "owner", "due_date"])

    def clean_due_date(self):
        return not_in_the_past(self.cleaned_data["due_date"])
