from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import Framework
from tenancy.forms import OnboardProviderForm


class OnboardForm(OnboardProviderForm):
    frameworks = forms.ModelMultipleChoiceField(
        label=_("Frameworks"),
        queryset=Framework.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The provider sees and assesses only these. You can change them later."),
    )
