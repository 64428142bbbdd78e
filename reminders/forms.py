from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["due_soon_days", "escalation_days", "evidence_warning_days", "digest_weekday"]
        help_texts = {
            "due_soon_days": _("Between 2 and 60. Owners are also reminded the day before."),
            "escalation_days": _("Senior leaders hear about actions overdue by more than this."),
            "evidence_warning_days": _(
                "Owners of evidence with a valid-until date hear this early."
            ),
            "digest_weekday": _("Quality managers receive the weekly digest on this day."),
        }

    def clean_due_soon_days(self) -> int:
        days = self.cleaned_data["due_soon_days"]
        if not 2 <= days <= 60:
            raise forms.ValidationError(gettext("Choose a number of days between 2 and 60."))
        return days

    def clean_escalation_days(self) -> int:
        days = self.cleaned_data["escalation_days"]
        if not 1 <= days <= 180:
            raise forms.ValidationError(gettext("Choose a number of days between 1 and 180."))
        return days

    def clean_evidence_warning_days(self) -> int:
        days = self.cleaned_data["evidence_warning_days"]
        if not 1 <= days <= 180:
            raise forms.ValidationError(gettext("Choose a number of days between 1 and 180."))
        return days
