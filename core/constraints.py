"""A check constraint whose violation is reported against one field.

Django's `CheckConstraint` is the one definition of a rule (the database enforces it and
`full_clean` checks it), but `full_clean` reports its message above the form, not beside the
field the person must change. `FieldCheckConstraint` names that field, so a `ModelForm` (and a
service's `ValidationError`, through `core.forms.add_service_errors`) shows the message there.

The field is a Python-side detail only: migrations see, and the database holds, a plain
`CheckConstraint`, so adopting it needs no migration.
"""

from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class FieldCheckConstraint(models.CheckConstraint):
    def __init__(self, *args: Any, field: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field = field

    def validate(
        self,
        model: type[models.Model],
        instance: models.Model,
        exclude: Collection[str] | None = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        try:
            super().validate(model, instance, exclude=exclude, using=using)  # type: ignore[misc]
        except ValidationError as error:
            raise ValidationError({self.field: error.error_list}) from None

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs

    def clone(self) -> "FieldCheckConstraint":
        _path, args, kwargs = self.deconstruct()
        return type(self)(*args, field=self.field, **kwargs)
