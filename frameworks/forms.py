from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import Framework


class SubscriptionForm(forms.Form):
    frameworks = forms.ModelMultipleChoiceField(
        label=_("Frameworks this provider can use"),
        queryset=Framework.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Its people see and assess only these."),
    )
