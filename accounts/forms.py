from django import forms

from accounts.models import User


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "receives_optional_emails"]
        labels = {
            "name": "Your full name",
            "receives_optional_emails": "Send me reminders before things are due, evidence expiry "
            "reminders and the weekly digest",
        }
        help_texts = {
            "receives_optional_emails": "Reminders about overdue actions and escalations are "
            "always sent, because the organisation relies on them.",
        }
