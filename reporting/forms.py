from django import forms
from django.conf import settings


class ShareForm(forms.Form):
    recipient = forms.CharField(
        label="Who is it for?",
        max_length=200,
        required=False,
        help_text="For your records, e.g. “Lead inspector, Ofsted”.",
    )
    days = forms.IntegerField(
        label="Link works for (days)",
        min_value=1,
        max_value=90,
        initial=settings.PACK_SHARE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
