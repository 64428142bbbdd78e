from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

# Shown beside any form field given a NUL character (Django's CharField refuses them; `core.apps`
# puts this wording on its validator, so every form says it without remembering to).
NUL_CHARACTER_MESSAGE = _(
    "This contains an invisible “null” character, usually carried over when text is pasted "
    "from another program. Delete the pasted part and type it again."
)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the matching field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for message in errors:
                form.add_error(target, message)
    else:
        form.add_error(None, error)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`, typed, to set its choices."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's model choice field `name`, typed, to set its queryset."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type="date"> needs


DATE_INVALID = _("Enter a real date, for example 31/3/2027.")


PAST_DUE_DATE = _("The due date must be today or later.")

_Due = TypeVar("_Due", bound=date | None)


def not_in_the_past(due: _Due, *, stored: date | None = None) -> _Due:
    """Refuse a due date before today (an empty one passes). `stored` is the date already saved:
    editing an overdue record without changing its date keeps it valid."""
    if due is not None and due < timezone.localdate() and due != stored:
        raise ValidationError(PAST_DUE_DATE)
    return due


def date_field(
    label: "_StrOrPromise",
    *,
    required: bool,
    required_message: "_StrOrPromise" = "",
    **kwargs: Any,
) -> forms.DateField:
    """A date typed in the browser's date picker, with the wording every form uses (`label` and
    `required_message` may be gettext_lazy's, for a field made at import time)."""
    messages: dict[str, _StrOrPromise] = {"invalid": DATE_INVALID}
    if required_message:
        messages["required"] = required_message
    return forms.DateField(
        label=label, required=required, widget=DateInput(), error_messages=messages, **kwargs
    )


class MemberChoiceField(forms.ModelChoiceField[Any]):
    """A choice of person (owner, visitor, lead), shown by their display name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)
