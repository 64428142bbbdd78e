from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import KeyScope


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text=_("What will use it, e.g. “Power BI dashboard” or “MIS sync”."),
        error_messages={"required": _("Say what will use the key.")},
    )
    scope = forms.ChoiceField(
        choices=KeyScope.choices,
        initial=KeyScope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read is enough for reports and dashboards. Read and write also creates and "
            "updates actions, their progress, risks and event requests."
        ),
        error_messages={"required": _("Choose what the key may do.")},
    )
