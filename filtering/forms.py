"""Forms for the filtering and monitoring pages. Services make the final checks; these give
clear messages beside each field."""

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.forms import owner_field
from core.forms import choice_field, date_field, not_in_the_past
from filtering.models import Category, Outcome, Result, Tool
from registers.terms import Term, previous_term, term_of
from tenancy.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

MAX_COUNT = 1_000_000
TERMS_OFFERED = 6
OUTCOME_FIELDS = ("escalated_to_dsl", "false_positives", "followed_up_by_staff")


class TestForm(forms.Form):
    tested_on = date_field(_("Date of the test"), required=True)
    site = forms.CharField(
        label=_("Site or network"),
        max_length=150,
        help_text=_("For example: Main campus learner Wi-Fi, or Staff laptops off site."),
        error_messages={"required": _("Say which site or network you tested.")},
    )
    tool = forms.ChoiceField(
        choices=Tool.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the tool you used.")},
    )
    tool_other = forms.CharField(label=_("Other tool"), max_length=150, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Categories tested"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category you tested.")},
    )
    result = forms.ChoiceField(
        choices=Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the result.")},
    )
    failures = forms.CharField(
        label=_("What got through"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Needed when some failed: the categories or kinds of site not blocked, and on "
            "which devices."
        ),
    )
    action_taken = forms.CharField(
        label=_("Action taken"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Needed when some failed: what was done straight away, for example a ticket "
            "to the filtering provider."
        ),
    )
    raise_action = forms.BooleanField(
        label=_("Add the fix to the action plan as an owned action"), required=False
    )
    action_due = date_field(
        _("Action due"), required=False, help_text=_("With the owner, when you add the action.")
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tested_by"] = owner_field(
            organisation,
            label=gettext("Tested by"),
            required=False,
            empty_label=gettext("Choose a person"),
        )
        self.fields["action_owner"] = owner_field(
            organisation,
            label=gettext("Action owner"),
            required=False,
            empty_label=gettext("Choose a person"),
        )
        self.order_fields(
            ["tested_on", "site", "tested_by", "tool", "tool_other", "categories", "result"]
        )

    def clean_tested_on(self):
        day = self.cleaned_data["tested_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(gettext("A test cannot be dated in the future."))
        return day

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("tool") == Tool.OTHER and not data.get("tool_other", "").strip():
            self.add_error("tool_other", gettext("Name the tool you used."))
        if data.get("result") == Result.SOME_FAILURES:
            if not data.get("failures", "").strip():
                self.add_error("failures", gettext("Say what got through the filter."))
            if not data.get("action_taken", "").strip():
                self.add_error("action_taken", gettext("Say what was done about the failures."))
            if data.get("raise_action"):
                if data.get("action_owner") is None:
                    self.add_error("action_owner", gettext("Choose who owns the action."))
                if data.get("action_due") is None and "action_due" not in self.errors:
                    self.add_error("action_due", gettext("Give the date the action is due."))
        return data

    def wants_action(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("raise_action")) and data.get("result") == Result.SOME_FAILURES


class TestFilterForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("Any result")), *Result.choices], required=False
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"result": data.get("result", "")}


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


def _up_to_max_count() -> str:
    return gettext("Enter a number up to %(max)s.") % {"max": f"{MAX_COUNT:,}"}


def count_field(label: "_StrOrPromise", help_text: "_StrOrPromise" = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_COUNT,
        help_text=help_text,
        error_messages={
            "required": _("Enter a number; 0 if there were none."),
            "invalid": _("Enter a whole number, for example 12."),
            "min_value": _("Enter 0 or more."),
            "max_value": lazy(_up_to_max_count, str)(),
        },
    )


def recent_terms(today) -> list[Term]:
    terms = [term_of(today)]
    while len(terms) < TERMS_OFFERED:
        terms.append(previous_term(terms[-1]))
    return terms


class MonitoringForm(forms.Form):
    term = forms.ChoiceField(error_messages={"required": _("Choose the term.")})
    alerts_reviewed = count_field(_("Alerts reviewed"))
    escalated_to_dsl = count_field(_("Escalated to the DSL"))
    false_positives = count_field(_("False positives"))
    followed_up_by_staff = count_field(
        _("Followed up by staff"), _("Dealt with by staff without escalation to the DSL.")
    )
    rule_changes = count_field(
        _("Changes to filtering or monitoring rules"), _("How many changes these alerts led to.")
    )
    changes_made = forms.CharField(
        label=_("Changes made to the monitoring"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_(
            "About systems and settings only, for example a new keyword list. Never a "
            "learner’s or staff member’s name: those stay in the safeguarding system."
        ),
    )

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.terms = {t.start.isoformat(): t for t in recent_terms(today)}
        choice_field(self, "term").choices = [(k, t.label) for k, t in self.terms.items()]

    def chosen_term(self) -> Term:
        return self.terms[self.cleaned_data["term"]]

    def clean(self) -> dict:
        data = super().clean() or {}
        parts = [data.get(k) for k in OUTCOME_FIELDS]
        reviewed = data.get("alerts_reviewed")
        given = [int(p) for p in parts if p is not None]
        if reviewed is not None and len(given) == len(parts) and sum(given) > reviewed:
            self.add_error(
                "alerts_reviewed",
                gettext(
                    "Escalated, false positives and followed up add up to %(total)s, more than "
                    "the alerts reviewed."
                )
                % {"total": sum(given)},
            )
        return data


class ReviewForm(forms.Form):
    reviewed_on = date_field(_("Date of the review"), required=True)
    senior_leader_name = forms.CharField(
        label=_("Or their name, if they are not a member here"),
        max_length=150,
        required=False,
    )
    governor_name = forms.CharField(
        label=_("Governor or director responsible"),
        max_length=150,
        help_text=_("Their name; the standards expect a named governor or director."),
        error_messages={"required": _("Name the governor or director responsible.")},
    )
    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome of the review.")},
    )
    changes = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Changes to filtering, monitoring, roles or training the review decided on."),
    )
    next_review_date = date_field(_("Next review date"), required=True)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = owner_field(
            organisation,
            label=gettext("Senior leader responsible"),
            required=False,
            empty_label=gettext("Choose a person"),
        )
        self.order_fields(["reviewed_on", "owner", "senior_leader_name", "governor_name"])

    def clean(self) -> dict:
        data = super().clean() or {}
        named = data.get("owner") is not None or data.get("senior_leader_name", "").strip()
        if not named and "owner" not in self.errors:
            self.add_error("owner", gettext("Choose or name the senior leader responsible."))
        return data
