from django import forms

from frameworks.models import Framework


class SubscriptionForm(forms.Form):
    frameworks = forms.ModelMultipleChoiceField(
        label="Frameworks this provider can use",
        queryset=Framework.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Its people see and assess only these.",
    )
