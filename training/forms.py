"""Forms for the training pages. Services make the final checks; these give clear messages."""

from datetime import date
from typing import Any, TypedDict

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import date_field
from evidence.picker import EvidenceChoiceField, pickable_evidence
from tenancy.models import Organisation
from training.models import Course, RoleGroup, StaffMember

ROLE_GROUP_CHOICES = [("", _("Choose a role group")), *RoleGroup.choices]


class StaffForm(forms.Form):
    name = forms.CharField(max_length=150, error_messages={"required": _("Enter their name.")})
    role_group = forms.ChoiceField(
        choices=ROLE_GROUP_CHOICES,
        help_text=_("Decides which courses they need."),
        error_messages={"required": _("Choose the role group that decides their training.")},
    )
    site = forms.CharField(
        max_length=100,
        required=False,
        help_text=_("Campus, centre or office."),
        widget=forms.TextInput(attrs={"list": "site-options", "autocomplete": "off"}),
    )
    staff_number = forms.CharField(
        max_length=50, required=False, help_text=_("Your HR or payroll number.")
    )
    email = forms.EmailField(
        required=False,
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    start_date = date_field(
        _("Start date"),
        required=True,
        required_message=_("Enter the date they started, so induction training can be tracked."),
    )
    leaving_date = date_field(
        _("Leaving date"),
        required=False,
        help_text=_("Their last working day. Leavers drop out of the figures."),
    )

    @classmethod
    def initial_for(cls, staff: StaffMember) -> dict[str, Any]:
        return {name: getattr(staff, name) for name in cls.base_fields}


class CourseForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": _("Enter the course title.")}
    )
    provider = forms.CharField(
        label=_("Delivered by"),
        max_length=150,
        required=False,
        help_text=_("For example, Home Office, or delivered in-house."),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a full web address.")},
    )
    role_groups = forms.MultipleChoiceField(
        label=_("Needed by"),
        choices=RoleGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty for an optional course nobody is chased for."),
    )
    refresh_months = forms.IntegerField(
        label=_("Refresh every (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Leave empty if it is needed once only."),
        error_messages={
            "min_value": _("Enter a number of months from 1 to 120, or leave it empty."),
            "max_value": _("Enter a number of months from 1 to 120, or leave it empty."),
            "invalid": _("Enter a whole number of months."),
        },
    )
    induction_days = forms.IntegerField(
        label=_("New starters complete it within (days)"),
        min_value=0,
        max_value=365,
        initial=30,
        help_text=_("Counted from their start date."),
        error_messages={
            "required": _("Enter how many days new starters have, for example 30."),
            "min_value": _("Enter a number of days from 0 to 365."),
            "max_value": _("Enter a number of days from 0 to 365."),
            "invalid": _("Enter a whole number of days."),
        },
    )
    active = forms.BooleanField(
        label=_("In use"),
        required=False,
        initial=True,
        help_text=_("Untick to retire it: completions stay, nobody is chased for it."),
    )

    @classmethod
    def initial_for(cls, course: Course) -> dict[str, Any]:
        return {name: getattr(course, name) for name in cls.base_fields}


def certificate_field(organisation: Organisation) -> EvidenceChoiceField:
    # Chosen with the evidence picker's search ({% evidence_picker %}), never a list of the
    # whole library. Certificates are ordinary evidence: a restricted item is never offered
    # (nor named).
    return EvidenceChoiceField(
        queryset=pickable_evidence(organisation=organisation, access=None, normal_only=True),
        normal_only=True,
        label=gettext("Certificate or attendance record"),
        help_text=gettext("A document already in your evidence library."),
    )


def not_in_the_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError(gettext("The date cannot be in the future."))
    return day


class CompletionForm(forms.Form):
    course: forms.ModelChoiceField[Course] = forms.ModelChoiceField(
        queryset=None,
        empty_label=_("Choose a course"),
        error_messages={"required": _("Choose a course.")},
    )
    completed_on = date_field(
        _("Date completed"), required=True, required_message=_("Enter the date they completed it.")
    )
    score = forms.IntegerField(
        label=_("Knowledge check score (%)"),
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Enter a percentage from 0 to 100."),
            "max_value": _("Enter a percentage from 0 to 100."),
            "invalid": _("Enter a whole number from 0 to 100."),
        },
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        course_field = self.fields["course"]
        assert isinstance(course_field, forms.ModelChoiceField)
        course_field.queryset = Course.objects.for_organisation(organisation).filter(active=True)
        self.fields["certificate"] = certificate_field(organisation)

    def clean_completed_on(self) -> date:
        return not_in_the_future(self.cleaned_data["completed_on"])


class SessionForm(forms.Form):
    completed_on = date_field(
        _("Date of the session"),
        required=True,
        required_message=_("Enter the date of the session."),
    )
    attendees: forms.ModelMultipleChoiceField[StaffMember] = forms.ModelMultipleChoiceField(
        queryset=None,
        to_field_name="code",
        required=True,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person who attended.")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        assert isinstance(attendees, forms.ModelMultipleChoiceField)
        attendees.queryset = StaffMember.objects.for_organisation(organisation)
        self.fields["certificate"] = certificate_field(organisation)

    def clean_completed_on(self) -> date:
        return not_in_the_future(self.cleaned_data["completed_on"])


class StaffFilters(TypedDict):
    q: str
    role_group: str
    site: str


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name, staff number or email"), required=False)
    role_group = forms.ChoiceField(
        label=_("Role group"),
        choices=[("", _("All role groups")), *RoleGroup.choices],
        required=False,
    )
    site = forms.ChoiceField(label=_("Site"), choices=[("", _("All sites"))], required=False)

    def __init__(self, *args: Any, sites: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site = self.fields["site"]
        assert isinstance(site, forms.ChoiceField)
        site.choices = [("", gettext("All sites")), *((s, s) for s in sites)]

    def filters(self) -> StaffFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return StaffFilters(
            q=(data.get("q") or "").strip(),
            role_group=data.get("role_group") or "",
            site=data.get("site") or "",
        )
