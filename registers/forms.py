"""Forms for the register pages. Services make the final checks; these give clear messages."""

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.forms import owner_field
from core.forms import date_field, not_in_the_past
from registers.base import SCORE_CHOICES, Rating
from registers.models import (
    Condition,
    EventFormat,
    EventStatus,
    Finding,
    RiskCategory,
    RiskStatus,
)
from registers.terms import previous_term, term_of
from tenancy.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


def score_field(
    label: "_StrOrPromise", required: "_StrOrPromise", help_text: "_StrOrPromise" = ""
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Choose a score")), *SCORE_CHOICES],
        coerce=int,
        help_text=help_text,
        error_messages={"required": required},
    )


class ScoresMixin(forms.Form):
    likelihood = score_field(
        _("Likelihood"),
        _("Choose the likelihood, 1 to 5."),
        _("How likely it is to happen, before further action."),
    )
    impact = score_field(
        _("Impact"), _("Choose the impact, 1 to 5."), _("How serious it would be.")
    )
    residual_likelihood = score_field(
        _("Likelihood after controls"), _("Choose the likelihood after controls, 1 to 5.")
    )
    residual_impact = score_field(
        _("Impact after controls"), _("Choose the impact after controls, 1 to 5.")
    )

    def clean(self) -> dict:
        data = super().clean()
        scores = [data.get(k) for k in ("likelihood", "impact", "residual_likelihood")]
        residual_impact = data.get("residual_impact")
        if all(scores) and residual_impact and scores[2] * residual_impact > scores[0] * scores[1]:
            self.add_error(
                "residual_impact",
                gettext("The rating after controls cannot be higher than the rating before them."),
            )
        return data


class RiskForm(ScoresMixin):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose an area")), *RiskCategory.choices],
        error_messages={"required": _("Choose the area of the risk assessment it belongs to.")},
    )
    risk = forms.CharField(
        label=_("Risk"),
        max_length=300,
        help_text=_("What could happen, for this provider."),
        error_messages={"required": _("Say what the risk is.")},
    )
    hazard = forms.CharField(
        label=_("Hazard"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What makes it possible here: learner groups, sites, delivery models."),
    )
    existing_controls = forms.CharField(
        label=_("Existing risk management"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    further_action = forms.CharField(
        label=_("Further action needed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Specific and practical; it can become an owned action in the plan."),
    )
    action_due = date_field(_("Date for completion"), required=False)
    next_review_date = date_field(_("Next review date"), required=True)
    status = forms.ChoiceField(
        label=_("Status"), choices=RiskStatus.choices, initial=RiskStatus.OPEN
    )

    field_order = [
        "category",
        "risk",
        "hazard",
        "existing_controls",
        "further_action",
        "owner",
        "action_due",
    ]

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = owner_field(
            organisation,
            label=gettext("Lead officer"),
            required=False,
            empty_label=gettext("Choose a person"),
        )
        self.order_fields(self.field_order)

    @classmethod
    def initial_for(cls, risk) -> dict:
        names = [*cls.base_fields, "owner"]
        return {n: getattr(risk, "owner_id" if n == "owner" else n) for n in names}


class RiskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search risks"), required=False)
    category = forms.ChoiceField(
        label=_("Area"), choices=[("", _("All areas")), *RiskCategory.choices], required=False
    )
    rating = forms.ChoiceField(
        label=_("Rating after controls"),
        choices=[("", _("Any rating")), *reversed(Rating.choices)],
        required=False,
    )
    review = forms.ChoiceField(
        label=_("Review"),
        choices=[
            ("", _("Any review date")),
            ("overdue", _("Overdue")),
            ("due_soon", _("Due in 30 days")),
        ],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("open", RiskStatus.OPEN.label),
            ("closed", RiskStatus.CLOSED.label),
            ("all", _("Open and closed")),
        ],
        required=False,
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or RiskStatus.OPEN
        return {
            "q": (data.get("q") or "").strip(),
            "category": data.get("category", ""),
            "rating": data.get("rating", ""),
            "review": data.get("review", ""),
            "status": "" if status == "all" else status,
        }


class RiskReviewForm(ScoresMixin):
    reviewed_on = date_field(_("Date of the review"), required=True)
    notes = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the review found, even if nothing changed.")},
    )
    after_incident = forms.BooleanField(label=_("This review follows an incident"), required=False)
    incident_summary = forms.CharField(
        label=_("The incident, in general terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Never a learner's name or case details: those stay in the safeguarding system."
        ),
    )
    incident_summary.required_when = _("this review follows an incident")  # type: ignore[attr-defined]
    next_review_date = date_field(_("Next review date"), required=True)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("after_incident") and not (data.get("incident_summary") or "").strip():
            self.add_error(
                "incident_summary", gettext("Say, in general terms, what the incident was.")
            )
        return data


class RaiseActionForm(forms.Form):
    due_date = date_field(_("Due date"), required=True)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = owner_field(
            organisation, label=gettext("Owner"), empty_label=gettext("Choose a person")
        )
        self.order_fields(["owner", "due_date"])

    def clean_due_date(self):
        return not_in_the_past(self.cleaned_data["due_date"])


class EventRequestForm(forms.Form):
    title = forms.CharField(label=_("Event"), max_length=200, help_text=_("What it is called."))
    speaker_name = forms.CharField(label=_("Speaker"), max_length=150)
    speaker_organisation = forms.CharField(
        label=_("Speaker's organisation"), max_length=200, required=False
    )
    topic = forms.CharField(label=_("Topic"), widget=forms.Textarea(attrs={"rows": 3}))
    event_date = date_field(_("Date of the event"), required=True)
    format = forms.ChoiceField(
        label=_("Where"), choices=EventFormat.choices, widget=forms.RadioSelect
    )
    venue = forms.CharField(label=_("Venue or platform"), max_length=200, required=False)
    audience = forms.CharField(
        label=_("Audience"), max_length=200, help_text=_("Who it is for, e.g. Level 3 learners.")
    )
    expected_numbers = forms.IntegerField(
        label=_("Expected numbers"), min_value=1, max_value=100000
    )

    def clean_event_date(self):
        day = self.cleaned_data["event_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(
                gettext("Requests are made before the event; this date has passed.")
            )
        return day


class EventChecksForm(forms.Form):
    open_source = forms.BooleanField(label=_("Open-source search of the speaker"), required=False)
    references = forms.BooleanField(label=_("References from previous hosts"), required=False)
    previous_events = forms.BooleanField(label=_("Previous events with us checked"), required=False)
    notes = forms.CharField(
        label=_("What the checks found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"), choices=Rating.choices, widget=forms.RadioSelect
    )
    conditions = forms.MultipleChoiceField(
        label=_("Conditions"),
        choices=Condition.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_conditions = forms.CharField(label=_("Other conditions"), required=False)


DECISIONS = [
    (EventStatus.APPROVED, _("Approve")),
    (EventStatus.APPROVED_WITH_CONDITIONS, _("Approve with the conditions")),
    (EventStatus.REFUSED, _("Refuse")),
]


class EventDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Useful for every decision."),
    )
    reasons.required_when = _("you refuse it")  # type: ignore[attr-defined]


class EventOutcomeForm(forms.Form):
    note = forms.CharField(
        label=_("How it went"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Were the conditions met? Never a learner's name or case details."),
    )
    concern_raised = forms.BooleanField(
        label=_("A concern was raised (and passed to the DSL)"), required=False
    )


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search speakers and events"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            ("undecided", _("Awaiting a decision")),
            *EventStatus.choices,
        ],
        required=False,
    )
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("", _("Past and upcoming")), ("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": (data.get("q") or "").strip(),
            "status": data.get("status", ""),
            "when": data.get("when", ""),
        }


class SampleDrawForm(forms.Form):
    term = forms.ChoiceField(label=_("Term"), widget=forms.RadioSelect)

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = term_of(today)
        self.terms = {"current": current, "previous": previous_term(current)}
        self.fields["term"].choices = [(k, t.label) for k, t in self.terms.items()]
        self.fields["term"].initial = "current"

    def chosen_term(self):
        return self.terms[self.cleaned_data["term"]]


class SampleItemForm(forms.Form):
    finding = forms.ChoiceField(
        label=_("What you found"), choices=Finding.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("What you checked; needed when something did not match."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("finding") not in (None, Finding.AS_APPROVED)
            and not data.get("note", "").strip()
        ):
            self.add_error("note", gettext("Say what did not match."))
        return data
