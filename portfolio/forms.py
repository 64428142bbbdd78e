from django import forms

from frameworks.models import Framework
from tenancy.forms import OnboardProviderForm


class OnboardForm(OnboardProviderForm):
    frameworks = forms.ModelMultipleChoiceField(
        label="Frameworks",
        queryset=Framework.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The provider sees and assesses only these. You can change them later.",
    )
