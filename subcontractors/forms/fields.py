"""Field builders and checks the subcontractor forms share (messages in UK English)."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from core.forms import MemberChoiceField, choice_field, not_in_the_past
from core.uploads import ACCEPTED_SUMMARY, inspect_upload
from tenancy.models import Organisation
from tenancy.selectors import assignable_members, not_assignable_message

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


def member_field(
    organisation: Organisation,
    *,
    label: "_StrOrPromise",
    required_message: "_StrOrPromise",
    **kwargs,
):
    return MemberChoiceField(
        queryset=assignable_members(organisation=organisation),
        label=label,
        empty_label=gettext("Choose a person"),
        error_messages={
            "invalid_choice": not_assignable_message(organisation),
            "required": required_message,
        },
        **kwargs,
    )


# Kept here too: the app's forms import them from this module.
__all__ = ["choice_field", "not_in_the_past"]


class PoundsField(forms.DecimalField):
    """An amount in pounds: "£125,000", "125000" and "125,000.50" are all understood."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace(" ", "").removeprefix("£")
        return super().to_python(value)

    def prepare_value(self, value):
        return f"{value:.2f}" if isinstance(value, Decimal) else value


EMAIL_INVALID = gettext_lazy("Enter an email address like name@example.org.")


def validated_upload(upload):
    """The upload, checked by content like evidence uploads (raises ValidationError)."""
    if upload:
        inspect_upload(upload)
    return upload or None


def file_help_text() -> str:
    return f"{ACCEPTED_SUMMARY}, up to {settings.EVIDENCE_MAX_UPLOAD_MB} MB."
