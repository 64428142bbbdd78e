from typing import Any

from django import forms

from accounts.models import User
from accounts.preferences import optional_emails


class EmailPreferencesForm(forms.ModelForm):
    handoff_emails = forms.MultipleChoiceField(
        label="Email me when work is handed to me or moves on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Whatever you untick still appears under Notifications (the bell).",
    )

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = optional_emails()
        field = self.fields["handoff_emails"]
        field.choices = choices  # type: ignore[attr-defined]
        opted_out = set(self.instance.email_opt_outs or [])
        field.initial = [key for key, _ in choices if key not in opted_out]

    def save(self, commit: bool = True) -> User:
        chosen = set(self.cleaned_data["handoff_emails"])
        offered = [key for key, _ in optional_emails()]
        kept = [key for key in self.instance.email_opt_outs or [] if key not in offered]
        self.instance.email_opt_outs = kept + [key for key in offered if key not in chosen]
        return super().save(commit=commit)
