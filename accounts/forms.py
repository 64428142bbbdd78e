from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.preferences import optional_emails


class EmailPreferencesForm(forms.ModelForm):
    """The preferences page: name, language and which optional emails to receive."""

    handoff_emails = forms.MultipleChoiceField(
        label=_("Email me when work is handed to me or moves on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whatever you untick still appears under Notifications (the bell)."),
    )

    class Meta:
        model = User
        fields = ["name", "language", "receives_optional_emails"]
        labels = {
            "name": _("Your full name"),
            "language": _("Language"),
            "receives_optional_emails": _(
                "Send me reminders before things are due, evidence expiry reminders and the "
                "weekly digest"
            ),
        }
        help_texts = {
            "language": _("The language of the pages you see once you are signed in."),
            "receives_optional_emails": _(
                "Reminders about overdue actions and escalations are always sent, because the "
                "organisation relies on them."
            ),
        }
        widgets = {"language": forms.RadioSelect}
        error_messages = {
            "language": {"invalid_choice": _("Choose English or Cymraeg (Welsh).")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = optional_emails()
        field = self.fields["handoff_emails"]
        field.choices = choices  # type: ignore[attr-defined]
        opted_out = set(self.instance.email_opt_outs or [])
        field.initial = [key for key, _label in choices if key not in opted_out]
        # A form that leaves the language out (an older page, a script) keeps the person's own.
        self.fields["language"].required = False

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.instance.language

    def save(self, commit: bool = True) -> User:
        chosen = set(self.cleaned_data["handoff_emails"])
        offered = [key for key, _label in optional_emails()]
        kept = [key for key in self.instance.email_opt_outs or [] if key not in offered]
        self.instance.email_opt_outs = kept + [key for key in offered if key not in chosen]
        return super().save(commit=commit)
