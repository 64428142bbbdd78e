import uuid
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from actionplans.models import Action, ActionStatus, Priority
from actionplans.selectors import (
    Sort,
    benchmark_choices,
    criteria_in_plan,
    criterion_choices,
)
from core.forms import DATE_INVALID, DateInput, MemberChoiceField, not_in_the_past
from evidence.picker import EvidenceLinksField, pickable_evidence
from frameworks.models import Benchmark, Criterion
from tenancy.models import Organisation
from tenancy.selectors import assignable_members, not_assignable_message


class CriterionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}"


class BenchmarkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        text = obj.text if len(obj.text) <= 90 else obj.text[:89].rstrip() + "…"
        return f"{obj.code} {text}"


def owner_field(organisation: Organisation, **kwargs) -> MemberChoiceField:
    return MemberChoiceField(
        queryset=assignable_members(organisation=organisation),
        error_messages={
            "invalid_choice": not_assignable_message(organisation),
            "required": gettext("Choose who owns the action."),
        },
        **kwargs,
    )


DATE_ERRORS = {"invalid": DATE_INVALID}


class ActionForm(forms.Form):
    """The plan of an action: what, who, by when, how urgent, and which benchmark it serves."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy(
            "What will be done, for example “Train new starters on the Channel referral route”."
        ),
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("How it will be done and what success looks like."),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        widget=DateInput(),
        error_messages={"required": gettext_lazy("Enter the date it is due."), **DATE_ERRORS},
    )
    priority = forms.ChoiceField(
        label=gettext_lazy("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )

    def __init__(
        self, *args, organisation: Organisation, action: Action | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.action = action
        self.fields["owner"] = owner_field(
            organisation, label=gettext("Owner"), empty_label=gettext("Choose a person")
        )
        self.fields["criterion"] = CriterionChoiceField(
            label=gettext("Criterion"),
            required=False,
            queryset=criterion_choices(
                organisation=organisation, include=action.criterion if action else None
            ),
            empty_label=gettext("Not linked to a criterion"),
            help_text=gettext("Only the criteria of frameworks your organisation uses."),
            error_messages={
                "invalid_choice": gettext(
                    "Choose a criterion of a framework your organisation uses."
                )
            },
        )
        self.fields["benchmark"] = BenchmarkChoiceField(
            label=gettext("Benchmark"),
            required=False,
            queryset=benchmark_choices(
                organisation=organisation, include=action.benchmark if action else None
            ),
            empty_label=gettext("Not linked to a benchmark"),
            error_messages={
                "invalid_choice": gettext(
                    "Choose a benchmark of a framework your organisation uses."
                )
            },
        )
        self.order_fields(
            ["title", "description", "owner", "due_date", "priority", "criterion", "benchmark"]
        )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(gettext("Enter a title."))
        return title

    def clean_due_date(self) -> date:
        """New actions are due today or later; an overdue action keeps its date when edited."""
        stored = self.action.due_date if self.action is not None else None
        return not_in_the_past(self.cleaned_data["due_date"], stored=stored)

    def clean(self) -> dict:
        cleaned = super().clean()
        criterion: Criterion | None = cleaned.get("criterion")
        benchmark: Benchmark | None = cleaned.get("benchmark")
        if benchmark is not None:
            if criterion is None and "criterion" not in self.errors:
                cleaned["criterion"] = benchmark.criterion
            elif criterion is not None and benchmark.criterion_id != criterion.pk:
                self.add_error(
                    "benchmark",
                    gettext("Choose a benchmark of %(code)s, or leave it empty.")
                    % {"code": criterion.code},
                )
        return cleaned

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        return {
            "title": action.title,
            "description": action.description,
            "owner": action.owner_id,
            "due_date": action.due_date,
            "priority": action.priority,
            "criterion": action.criterion_id,
            "benchmark": action.benchmark_id,
        }


STATUS_FILTER_CHOICES = [
    ("", gettext_lazy("Any status")),
    ("open", gettext_lazy("Open (not done)")),
    *ActionStatus.choices,
]


class PlanFilterForm(forms.Form):
    """The plan's filters, read from the query string; anything invalid is ignored."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=STATUS_FILTER_CHOICES
    )
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    due_this_week = forms.BooleanField(
        label=gettext_lazy("Due this week"),
        required=False,
        help_text=gettext_lazy("In the next 7 days."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = owner_field(
            organisation, label=gettext("Owner"), required=False, empty_label=gettext("Anyone")
        )
        self.fields["criterion"] = CriterionChoiceField(
            label=gettext("Criterion"),
            required=False,
            queryset=criteria_in_plan(organisation=organisation),
            empty_label=gettext("Any criterion"),
        )
        self.order_fields(["status", "owner", "criterion", "overdue", "due_this_week"])

    def filters(self) -> dict:
        if not self.is_bound:
            return {"status": "", "owner": None, "criterion": None}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status", "") or "",
            "owner": data.get("owner"),
            "criterion": data.get("criterion"),
            "overdue": bool(data.get("overdue")),
            "due_this_week": bool(data.get("due_this_week")),
        }

    @property
    def sort(self) -> str:
        return Sort.clean(self.data.get("sort") if self.is_bound else None)


class ProgressForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What has happened since the last update?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say what has happened since the last update.")},
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionStatus.choices)
    completed_on = forms.DateField(
        label=gettext_lazy("Completed on"),
        required=False,
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=gettext_lazy("The day the work was finished."),
        error_messages=DATE_ERRORS,
    )
    completed_on.required_when = gettext_lazy("the status is Done")  # type: ignore[attr-defined]
    impact_note = forms.CharField(
        label=gettext_lazy("Impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What changed as a result: the impact an inspector would look for."),
    )

    def __init__(
        self, *args, organisation: Organisation, action: Action, access=None, **kwargs
    ) -> None:
        kwargs.setdefault("initial", {})
        everything = list(action.completion_evidence.all())
        linked = [item for item in everything if item.is_visible_to(access)]
        #: Restricted evidence the saver cannot see: never offered, kept linked on save.
        self.hidden_evidence = [item for item in everything if item not in linked]
        kwargs["initial"] = {
            "status": action.status,
            "completed_on": action.completed_on or timezone.localdate(),
            "impact_note": action.impact_note,
            "completion_evidence": linked,
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)
        self.action = action
        # The picker ({% evidence_picker %}): posted as codes, never the library listed.
        self.fields["completion_evidence"] = EvidenceLinksField(
            label=gettext("Completion evidence"),
            queryset=pickable_evidence(organisation=organisation, access=access, include=linked),
            help_text=gettext("Items from your evidence library that show the action is done."),
        )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise ValidationError(gettext("Say what has happened since the last update."))
        return comment

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.DONE:
            completed_on = cleaned.get("completed_on")
            if completed_on is None and "completed_on" not in self.errors:
                self.add_error("completed_on", gettext("Enter the date the action was completed."))
            elif completed_on is not None and completed_on > timezone.localdate():
                self.add_error(
                    "completed_on", gettext("The completion date cannot be in the future.")
                )
        else:
            cleaned["completed_on"] = None
        return cleaned


class BulkReassignForm(forms.Form):
    """Reassign the ticked actions (posted as `actions`, their codes) to one member."""

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")  # the filter form on the same page has an owner
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["owner"] = owner_field(
            organisation, label=gettext("New owner"), empty_label=gettext("Choose a person")
        )

    def selected_codes(self) -> list[str]:
        """The well-formed codes that were ticked (whatever organisation they belong to)."""
        codes = []
        for value in self.data.getlist("actions") if self.is_bound else []:
            try:
                codes.append(str(uuid.UUID(str(value))))
            except ValueError:
                continue
        return codes


class GapRowForm(forms.Form):
    """One suggested action on the gaps page; only ticked rows are validated and created."""

    create = forms.BooleanField(label=gettext_lazy("Create"), required=False, initial=True)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        widget=DateInput(),
        error_messages={"required": gettext_lazy("Enter the date it is due."), **DATE_ERRORS},
    )
    priority = forms.ChoiceField(label=gettext_lazy("Priority"), choices=Priority.choices)

    def __init__(self, *args, organisation: Organisation, members: list, **kwargs) -> None:
        """`members` is the organisation's people, read once for every row of the page."""
        super().__init__(*args, **kwargs)
        self.members = {str(user.pk): user for user in members}
        self.fields["owner"] = forms.ChoiceField(
            label=gettext("Owner"),
            choices=[
                ("", gettext("Choose")),
                *((pk, u.display_name) for pk, u in self.members.items()),
            ],
            error_messages={
                "invalid_choice": not_assignable_message(organisation),
                "required": gettext("Choose who owns the action."),
            },
        )
        self.order_fields(["create", "title", "owner", "due_date", "priority"])

    def clean_owner(self):
        return self.members[self.cleaned_data["owner"]]

    def clean_due_date(self) -> date:
        return not_in_the_past(self.cleaned_data["due_date"])

    @property
    def is_ticked(self) -> bool:
        if not self.is_bound:
            return bool(self.initial.get("create", True))
        return self.fields["create"].widget.value_from_datadict(
            self.data, self.files, self.add_prefix("create")
        )
