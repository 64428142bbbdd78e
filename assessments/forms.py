from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from assessments.models import Assessment
from assessments.services import RETURN_NEEDS_COMMENT
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
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example “2026/27 annual Prevent self-assessment”."),
    )
    framework_version = forms.ModelChoiceField(
        label=gettext_lazy("Framework"), queryset=FrameworkVersion.objects.none(), empty_label=None
    )
    lead = MemberChoiceField(label=gettext_lazy("Lead"), queryset=User.objects.none())
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    previous: forms.ModelChoiceField[Assessment] = forms.ModelChoiceField(
        label=gettext_lazy("Start from an earlier self-evaluation"),
        queryset=None,  # the organisation's, set in __init__ (None fails loudly if not)
        required=False,
        empty_label=gettext_lazy("No: start with a blank self-evaluation"),
        help_text=gettext_lazy(
            "Copies the narratives and evidence links; every level is reset to "
            "“to review” and last cycle’s judgement is shown beside it."
        ),
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
            self.add_error(
                "previous", gettext("Choose a self-evaluation against the same framework.")
            )
        return cleaned


class ResponseForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    confidence = forms.ChoiceField(
        label=gettext_lazy("Evidence confidence"), required=False, widget=forms.RadioSelect
    )
    not_applicable = forms.BooleanField(label=gettext_lazy("Not applicable to us"), required=False)
    na_justification = forms.CharField(
        label=gettext_lazy("Why it does not apply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    strengths = forms.CharField(
        label=gettext_lazy("What we do well"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    improvements = forms.CharField(
        label=gettext_lazy("Areas for improvement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Rendered by the picker ({% evidence_picker %}), never as the whole library; posted as
    # codes, of which only those sent are looked up (one query).
    evidence = EvidenceLinksField(label=gettext_lazy("Evidence"), queryset=None)  # set in __init__

    registers_cited = forms.MultipleChoiceField(
        label=gettext_lazy("Live registers cited as evidence"),
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
            self.add_error(
                "na_justification", gettext("Say why this benchmark does not apply to you.")
            )
        return cleaned


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Note for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


#: How many single-benchmark comments one return can carry (more: return again later).
BENCHMARK_COMMENT_ROWS = 3


class ReviewForm(forms.Form):
    """Approve, or return with a comment and up to BENCHMARK_COMMENT_ROWS comments on single
    benchmarks. `responses` are the self-evaluation's (the benchmarks a comment can be on)."""

    decision = forms.ChoiceField(
        choices=[
            ("approve", gettext_lazy("Approve and sign off")),
            ("return", gettext_lazy("Return with comments")),
        ],
        widget=forms.RadioSelect,
    )
    acknowledge = forms.BooleanField(label=gettext_lazy("I have read these checks"), required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "A return needs one: say what needs to change. An approval does not."
        ),
    )
    comment.required_when = gettext_lazy("you return it")  # type: ignore[attr-defined]

    def __init__(self, *args, responses=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.responses = {str(r.code): r for r in responses}
        choices = [("", gettext("Choose a benchmark"))] + [
            (code, f"{r.benchmark.code} {Truncator(r.benchmark.shown_text).chars(70)}")
            for code, r in self.responses.items()
        ]
        for n in range(1, BENCHMARK_COMMENT_ROWS + 1):
            benchmark = forms.ChoiceField(
                label=gettext("Benchmark %(n)s") % {"n": n}, choices=choices, required=False
            )
            benchmark.required_when = gettext("you write a comment on it")  # type: ignore[attr-defined]
            self.fields[f"benchmark_{n}"] = benchmark
            self.fields[f"benchmark_comment_{n}"] = forms.CharField(
                label=gettext("Comment on benchmark %(n)s") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def comment_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"benchmark_{n}"], self[f"benchmark_comment_{n}"])
            for n in range(1, BENCHMARK_COMMENT_ROWS + 1)
        ]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        decision = cleaned.get("decision")
        if decision == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", RETURN_NEEDS_COMMENT)
        written = False
        for n in range(1, BENCHMARK_COMMENT_ROWS + 1):
            if cleaned.get(f"benchmark_comment_{n}", "").strip():
                written = True
                if not cleaned.get(f"benchmark_{n}"):
                    self.add_error(
                        f"benchmark_{n}", gettext("Choose the benchmark this comment is on.")
                    )
        if written and decision == "approve":
            self.add_error(
                None,
                gettext(
                    "Comments on single benchmarks go back with a return. Choose “Return with "
                    "comments”, or clear them to approve."
                ),
            )
        return cleaned

    def benchmark_comments(self) -> list[tuple[Any, str]]:
        """(response, text) for each row with both a benchmark and a comment."""
        rows = []
        for n in range(1, BENCHMARK_COMMENT_ROWS + 1):
            code = self.cleaned_data.get(f"benchmark_{n}")
            text = self.cleaned_data.get(f"benchmark_comment_{n}", "").strip()
            if code and text:
                rows.append((self.responses[code], text))
        return rows


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why reopen it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example “Governors asked us to add the new IT monitoring evidence”. "
            "The approved revision stays as signed off."
        ),
        error_messages={
            "required": gettext_lazy("Say why it is being reopened: the history keeps it.")
        },
    )


class AssignForm(forms.Form):
    criterion = forms.CharField()
    assignee = MemberChoiceField(queryset=User.objects.none(), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_members(organisation=organisation)
        self.fields["assignee"].error_messages["invalid_choice"] = not_assignable_message(
            organisation
        )
