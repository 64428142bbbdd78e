from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# Shown beside any form field given a NUL character (Django's CharField refuses them; `core.apps`
# puts this wording on its validator, so every form says it without remembering to).
NUL_CHARACTER_MESSAGE = (
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type="date"> needs


class MemberChoiceField(forms.ModelChoiceField[Any]):
    """A choice of person (owner, visitor, lead), shown by their display name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)
