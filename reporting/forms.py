from django import forms
from django.conf import settings


class ShareForm(forms.Form):
    recipient = forms.CharField(
        label="Who is it for?",
        max_length=200,
        required=False,
        help_text="For your records, e.g. “Lead inspector, Ofsted”.",
    )
    recipient_name = forms.CharField(
        label="Their name",
        max_length=150,
        required=False,
        help_text="To bind the link to one person: it then asks for a code sent to their email, "
        "and the PDF names them on every page.",
    )
    recipient_email = forms.EmailField(label="Their email address", required=False)
    days = forms.IntegerField(
        label="Link works for (days)",
        min_value=1,
        max_value=90,
        initial=settings.PACK_SHARE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PackOptionsForm(forms.Form):
    """What goes into a new pack. A POST without a choice (a script, an old page) gets the
    defaults: the full pack with names (`with_defaults`)."""

    DEFAULTS = {"staff_names": "names", "history": "include"}

    staff_names = forms.ChoiceField(
        label="Staff in the pack",
        choices=[
            ("names", "Names (for example “Daniel Okafor”)"),
            ("roles", "Role titles instead of names (for example “Quality manager”)"),
        ],
        initial="names",
        widget=forms.RadioSelect,
        help_text="Role titles replace every member's name and email address everywhere in the "
        "pack: the lead, owners, approvers and the change history.",
    )
    history = forms.ChoiceField(
        label="Change-history appendix",
        choices=[
            ("include", "Include it"),
            ("leave_out", "Leave it out"),
        ],
        initial="include",
        widget=forms.RadioSelect,
        help_text="Who reviewed and signed off the self-evaluation, and each benchmark's first "
        "and final saved judgement.",
    )

    @classmethod
    def with_defaults(cls, data) -> "PackOptionsForm":
        return cls({**cls.DEFAULTS, **data.dict()})
