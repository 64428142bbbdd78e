from django import forms
from django.contrib.auth import get_user_model

from assessments.models import Assessment
from core.forms import not_in_the_past
from evidence.picker import EvidenceLinksField, pickable_evidence
from frameworks.models import FrameworkVersion
from tenancy.models import Organisation
from tenancy.selectors import assignable_members, not_assignable_message

User = get_user_model()


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})" if obj.name else obj.email


class StartAssessmentForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="For example “2026/27 annual Prevent self-assessment”.",
    )
    framework_version = forms.ModelChoiceField(
        label="Framework", queryset=FrameworkVersion.objects.none(), empty_label=None
    )
    lead = MemberChoiceField(label="Lead", queryset=User.objects.none())
    due_date = forms.DateField(
        label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    previous: forms.ModelChoiceField[Assessment] = forms.ModelChoiceField(
        label="Start from an earlier self-evaluation",
        queryset=None,  # the organisation's, set in __init__ (None fails loudly if not)
        required=False,
        empty_label="No: start with a blank self-evaluation",
        help_text="Copies the narratives and evidence links; every level is reset to "
        "“to review” and last cycle’s judgement is shown beside it.",
    )

    def __init__(self, *args, organisation: Organisation, versions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_version"].queryset = versions
        self.fields["lead"].queryset = assignable_members(organisation=organisation)
        self.fields["lead"].error_messages["invalid_choice"] = not_assignable_message(organisation)
        self.fields["previous"].queryset = Assessment.objects.for_organisation(
            organisation
        ).order_by("-created_at")

    def clean_due_date(self):
        return not_in_the_past(self.cleaned_data["due_date"])

    def clean(self) -> dict:
        cleaned = super().clean()
        previous, version = cleaned.get("previous"), cleaned.get("framework_version")
        if previous and version and previous.framework_version.framework_id != version.framework_id:
            self.add_error("previous", "Choose a self-evaluation against the same framework.")
        return cleaned


class ResponseForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label="Level", coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    confidence = forms.ChoiceField(
        label="Evidence confidence", required=False, widget=forms.RadioSelect
    )
    not_applicable = forms.BooleanField(label="Not applicable to us", required=False)
    na_justification = forms.CharField(
        label="Why it does not apply", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    strengths = forms.CharField(
        label="What we do well", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    improvements = forms.CharField(
        label="Areas for improvement", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Rendered by the picker ({% evidence_picker %}), never as the whole library; posted as
    # codes, of which only those sent are looked up (one query).
    evidence = EvidenceLinksField(label="Evidence", queryset=None)  # set in __init__

    registers_cited = forms.MultipleChoiceField(
        label="Live registers cited as evidence",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args,
        version: FrameworkVersion,
        organisation: Organisation,
        access=None,
        registers=(),
        **kwargs,
    ) -> None:
        """`registers` are the live registers whose signals inform this benchmark."""
        super().__init__(*args, **kwargs)
        if registers:
            self.fields["registers_cited"].choices = [(r.key, r.title) for r in registers]
        else:
            del self.fields["registers_cited"]
        self.fields["level"].choices = [(o.value, f"{o.value} {o.label}") for o in version.levels]
        self.fields["confidence"].choices = [(o.value, o.label) for o in version.confidence_options]
        # A save validates only the ids it sends (one query for those), not the library.
        # Restricted evidence only for those who may see it (`access` None: none).
        evidence = self.fields["evidence"]
        assert isinstance(evidence, EvidenceLinksField)
        evidence.queryset = pickable_evidence(organisation=organisation, access=access)
        if not version.allows_not_applicable:
            del self.fields["not_applicable"]
            del self.fields["na_justification"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("not_applicable") and not cleaned.get("na_justification", "").strip():
            self.add_error("na_justification", "Say why this benchmark does not apply to you.")
        return cleaned


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label="Note for the reviewer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve and sign off"), ("return", "Return with comments")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when you return it: say what needs to change.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say what needs to change before you can approve it.")
        return cleaned


class AssignForm(forms.Form):
    criterion = forms.CharField()
    assignee = MemberChoiceField(queryset=User.objects.none(), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_members(organisation=organisation)
        self.fields["assignee"].error_messages["invalid_choice"] = not_assignable_message(
            organisation
        )
