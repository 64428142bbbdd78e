"""Starting a due diligence review and deciding on the answers."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.forms import date_field
from core.languages import known_language
from subcontractors.forms.fields import not_in_the_past


def questionnaire_language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Language of the questionnaire"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=gettext_lazy(
            "The emails to the Prevent lead, and the questionnaire they open, are in this language."
        ),
    )


def sender_language(user) -> str:
    """The sender's own language, as the language a questionnaire is first offered in."""
    return known_language(getattr(user, "language", ""))


class QuestionnaireSendForm(forms.Form):
    """Sending the questionnaire, or a new link to it, in the language chosen."""

    language = questionnaire_language_field()


class ReviewStartForm(forms.Form):
    language = questionnaire_language_field()
    due_date = date_field(
        gettext_lazy("Answers due by"),
        required=True,
        required_message=gettext_lazy("Enter the date the answers are due."),
        help_text=gettext_lazy("The Prevent lead is reminded 14 and 3 days before this date."),
    )

    def clean_due_date(self):
        return not_in_the_past(self.cleaned_data["due_date"])

    @staticmethod
    def default_due_date():
        return timezone.localdate() + timedelta(days=settings.SUBCONTRACTOR_REVIEW_DAYS)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comments"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Required if you return it: say what they need to change or add. Optional "
            "when you accept it."
        ),
    )
