"""Forms for the lead provider's own questions: writing them, and answering them in the
questionnaire."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import date_field
from core.uploads import ACCEPT_ATTRIBUTE
from subcontractors.forms.fields import file_help_text, validated_upload
from subcontractors.models import QuestionKind, ReviewQuestion

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


class LeadQuestionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Question"), max_length=300)
    hint = forms.CharField(
        label=gettext_lazy("Hint"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "Shown under the question, for example what a good answer includes."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("The answer is"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    choices = forms.CharField(
        label=gettext_lazy("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Only for “One of a list”: one answer a line."),
    )

    def clean_choices(self) -> list[str]:
        return self.cleaned_data["choices"].splitlines()

    @staticmethod
    def initial_for(question) -> dict:
        return {
            "text": question.text,
            "hint": question.hint,
            "kind": question.kind,
            "choices": "\n".join(question.choices),
        }


def _answer_field(question: ReviewQuestion) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.text,
        "required": False,
        "help_text": question.hint,
    }
    if question.kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if question.kind == QuestionKind.CHOICE:
        choices = [(choice, choice) for choice in question.choices]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.DATE:
        return date_field(question.text, required=False, help_text=question.hint)
    if question.kind == QuestionKind.FILE:
        common["help_text"] = f"{question.hint} {file_help_text()}".strip()
        return forms.FileField(
            allow_empty_file=True,
            widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
            **common,
        )
    return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), **common)


class OwnQuestionsForm(forms.Form):
    """The lead provider's own questions in one review's questionnaire. Nothing is required
    until the subcontractor submits."""

    def __init__(self, data=None, files=None, *, questions: list[ReviewQuestion], **kwargs):
        super().__init__(data, files, prefix="own", **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.field_name] = _answer_field(question)
        if data is None:
            self.initial = {q.field_name: _initial(q) for q in questions}

    def rows(self):
        """(question, bound field) for the template, in order."""
        return [(q, self[q.field_name]) for q in self.questions]

    def clean(self):
        cleaned = super().clean() or {}
        for question in self.questions:
            if question.kind == QuestionKind.FILE and cleaned.get(question.field_name):
                try:
                    cleaned[question.field_name] = validated_upload(cleaned[question.field_name])
                except forms.ValidationError as exc:
                    self.add_error(question.field_name, exc)
        return cleaned

    def answers(self) -> tuple[dict[int, object], list[tuple[int, object]]]:
        """(answers by position, uploads by position)."""
        answers, uploads = {}, []
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if question.kind == QuestionKind.FILE:
                if value:
                    uploads.append((question.position, value))
            else:
                answers[question.position] = value
        return answers, uploads


def _initial(question: ReviewQuestion):
    if question.kind == QuestionKind.YES_NO:
        return {True: "yes", False: "no"}.get(question.answer_yes_no)  # type: ignore[arg-type]
    if question.kind == QuestionKind.DATE:
        return question.answer_date
    if question.kind == QuestionKind.FILE:
        return None
    return question.answer_text
