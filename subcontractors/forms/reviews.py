"""Starting a due diligence review and deciding on the answers."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.forms import date_field
from subcontractors.forms.fields import not_in_the_past


class ReviewStartForm(forms.Form):
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
