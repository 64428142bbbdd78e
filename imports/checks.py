"""Checking an import's rows: the shared pieces every importer uses.

A row's errors name the field (and the file's column where its header differs) with a plain
reason; a row without errors says what confirming would do: create, update or leave unchanged.
The organisation's members are read once (`MemberIndex`), however long the file.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from core.choices import label_spellings
from core.tabular import DATE_EXAMPLE, parse_date
from tenancy.models import Organisation
from tenancy.selectors import assignable_members

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass
class RowError:
    column: str  # the field's label and, where it differs, the file's header
    message: str


@dataclass
class RowResult:
    number: int  # the spreadsheet's own row number, so people can find it
    values: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
    action: str = ""  # create, update or unchanged (when there are no errors)
    changes: list[str] = field(default_factory=list)  # what an update changes, in words
    fields: dict[str, Any] = field(default_factory=dict)
    target: Any = None  # the existing record an update or unchanged row means
    note: str = ""  # why a row is left unchanged, when that is not obvious

    @property
    def status(self) -> str:
        return ERROR if self.errors else self.action


def normal(text: str) -> str:
    """Text as compared: case and spacing ignored."""
    return " ".join(text.casefold().split())


class RowCheck:
    """One row's values read into typed fields, collecting its errors."""

    def __init__(self, result: RowResult, labels: dict[str, str]) -> None:
        self.result = result
        self.labels = labels

    def error(self, key: str, message: str) -> None:
        self.result.errors.append(RowError(self.labels.get(key, key), message))

    def raw(self, key: str) -> str:
        return self.result.values.get(key, "")

    def text(self, key: str, *, required: bool = False, max_length: int = 0) -> str:
        value = self.raw(key)
        if required and not value:
            self.error(key, gettext("This is empty; every row needs it."))
        elif max_length and len(value) > max_length:
            self.error(
                key,
                gettext("This is longer than %(count)s characters.") % {"count": f"{max_length:,}"},
            )
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.raw(key)
        if not value:
            if required:
                self.error(
                    key,
                    gettext("This is empty; give a date such as %(example)s.")
                    % {"example": DATE_EXAMPLE},
                )
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def email(self, key: str, *, required: bool = False) -> str:
        value = self.text(key, required=required, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(key, gettext("“%(value)s” is not an email address.") % {"value": value})
        return value

    def choice(self, key: str, choices: Any, *, default: str = "") -> str:
        """A TextChoices value, given as its label or its value (case ignored)."""
        value = self.raw(key)
        if not value:
            if not default:
                self.error(
                    key,
                    gettext("This is empty: use one of %(choices)s.")
                    % {"choices": _listed(choices)},
                )
            return default
        wanted = normal(value)
        for choice in choices:
            names = [normal(name) for name in label_spellings(choice)]
            if wanted in (*names, normal(choice.value).replace("_", " ")):
                return str(choice.value)
        self.error(
            key,
            gettext("“%(value)s” is not one of %(choices)s.")
            % {"value": value, "choices": _listed(choices)},
        )
        return default

    def money(self, key: str, *, required: bool = False) -> Decimal | None:
        value = re.sub(r"[£,\s]", "", self.raw(key))
        if not value:
            if required:
                self.error(key, gettext("This is empty; give an amount in pounds, such as 12500."))
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = Decimal(-1)
        if amount < 0 or not amount.is_finite():
            self.error(
                key,
                gettext("“%(value)s” is not an amount in pounds, such as 12500.")
                % {"value": self.raw(key)},
            )
            return None
        return amount.quantize(Decimal("0.01"))


def _listed(choices: Any) -> str:
    return ", ".join(str(c.label) for c in choices)


class MemberIndex:
    """The members who may be given work, by email and by name, read in one query."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        members = list(assignable_members(organisation=organisation))
        self.by_email = {m.email.casefold(): m for m in members}
        self.by_name: dict[str, list[Any]] = {}
        for m in members:
            self.by_name.setdefault(normal(m.display_name), []).append(m)

    def find(self, row: RowCheck, key: str, *, required: bool = False) -> Any:
        """The member a cell names (email, or a name only one member has), or None."""
        text = row.raw(key)
        if not text:
            if required:
                self.error_empty(row, key)
            return None
        match = self.by_email.get(text.casefold())
        if match is not None:
            return match
        people = self.by_name.get(normal(text), [])
        if len(people) == 1:
            return people[0]
        if people:
            row.error(
                key,
                ngettext(
                    "%(count)s member is called “%(name)s”; give their email.",
                    "%(count)s members are called “%(name)s”; give their email.",
                    len(people),
                )
                % {"count": len(people), "name": text},
            )
        else:
            row.error(
                key,
                gettext(
                    "“%(name)s” is not a member who can be given work; give a member's name or "
                    "email, or invite them first."
                )
                % {"name": text},
            )
        return None

    @staticmethod
    def error_empty(row: RowCheck, key: str) -> None:
        row.error(key, gettext("This is empty: give the member's name or email."))


def shown(value: Any) -> str:
    """A value as the preview's list of changes shows it."""
    if value in ("", None):
        return gettext("none")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if hasattr(value, "display_name"):
        return str(value.display_name)
    return str(value)


def choice_label(model: Any, key: str, value: Any) -> Any:
    """A stored choice as people read it ("premises" -> "Premises and security"); any other
    value as it is."""
    try:
        model_field = model._meta.get_field(key)
    except (AttributeError, FieldDoesNotExist):
        return value
    if not model_field.choices or isinstance(value, list | tuple):
        return value
    return dict(model_field.flatchoices).get(value, value)


def changes_between(existing: Any, fields: dict[str, Any], labels: dict[str, str]) -> list[str]:
    """What writing `fields` onto `existing` would change, in words ("title: a → b")."""
    found = []
    model = type(existing)
    for key, new in fields.items():
        old = getattr(existing, key)
        if new != old:
            before, after = choice_label(model, key, old), choice_label(model, key, new)
            found.append(
                gettext("%(field)s: %(before)s → %(after)s")
                % {"field": labels.get(key, key), "before": shown(before), "after": shown(after)}
            )
    return found
