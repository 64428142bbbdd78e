"""The importers: one per kind of list a spreadsheet may bring in, registered by the app that
owns the records (`<app>/importers.py`, found when the apps load).

An importer says which fields a file may hold (with the header names each is guessed from),
which permission importing needs (from the role table, `tenancy.roles`), how to check the rows
(`check`: a fixed number of queries whatever the file's size, saying per row what confirming
would do) and how to write the checked rows through the owning app's services (`apply_row`
for one row; `apply_rows` for all of them, which an importer overrides to write in bulk).
It may set its own row limit (`max_rows`). Everything else (reading the file, the job that
keeps its cells, the mapping, the preview, the one transaction) is this app's, the same for
every kind.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from imports.checks import CREATE, UPDATE, RowError, RowResult
from tenancy.models import Organisation
from tenancy.roles import Perm

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise
else:
    _StrOrPromise = str

#: The most rows one file may bring in, unless the importer sets its own `max_rows`: a bigger
#: list is better split, so the preview stays readable and the transaction short.
MAX_IMPORT_ROWS = 2000


@dataclass(frozen=True)
class Field:
    key: str
    label: _StrOrPromise
    synonyms: tuple[str, ...] = ()
    required: bool = False
    hint: _StrOrPromise = ""

    def names(self) -> tuple[str, ...]:
        """The header names this field is guessed from: its label (in English, whatever the
        language, and in the active language), then its synonyms."""
        with translation.override(None):
            english = str(self.label)
        shown = str(self.label)
        return (english, *((shown,) if shown != english else ()), *self.synonyms)


class Importer:
    """Subclass, set the class attributes, implement `check` and `apply_row` (or `apply_rows`),
    `register()`."""

    key: ClassVar[str]
    label: ClassVar[_StrOrPromise]  # "Actions (an action plan)"
    noun: ClassVar[_StrOrPromise]  # "action", for "3 actions"
    perm: ClassVar[Perm]
    fields: ClassVar[tuple[Field, ...]]
    #: The most rows a file may hold; 0: the component's `MAX_IMPORT_ROWS`.
    max_rows: ClassVar[int] = 0
    #: What the upload page says the file needs, and how a row is matched on a second import.
    needs: ClassVar[_StrOrPromise] = ""
    matching: ClassVar[_StrOrPromise] = ""
    #: Where "See them" goes once imported: a URL name taking org_slug.
    done_url: ClassVar[str] = ""
    #: A ready-made file in the expected layout (a URL name taking org_slug), if there is one;
    #: the upload page links it, with `template_label` as the link's text.
    template_url: ClassVar[str] = ""
    template_label: ClassVar[_StrOrPromise] = ""
    #: The fields the preview's table shows (the first three by default).
    preview_keys: ClassVar[tuple[str, ...]] = ()
    #: The model the rows become, so the preview shows its choices' labels.
    model: ClassVar[Any] = None

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        raise NotImplementedError

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        """Write one row whose action is "create" or "update" through the owning services.
        A django ValidationError is shown against the row and nothing is saved."""
        raise NotImplementedError

    def apply_rows(self, rows: list[RowResult], *, organisation: Organisation, by: Any) -> bool:
        """Write every row whose action is "create" or "update" (the others are not given).
        By default one at a time through `apply_row`; a django ValidationError is put on its
        row. False if any row was refused (the caller then saves nothing)."""
        written = True
        keys = {f.key for f in self.fields}
        for row in rows:
            if row.action not in (CREATE, UPDATE):
                continue
            try:
                self.apply_row(row, organisation=organisation, by=by)
            except ValidationError as exc:
                written = False
                row.action = ""
                for key, messages in _by_field(exc).items():
                    label = self.field(key).label if key in keys else gettext("Row")
                    row.errors.extend(RowError(str(label), m) for m in messages)
        return written

    def mapping_problems(self, mapping: dict[str, int | None]) -> dict[str, str]:
        """Problems with a chosen mapping, by field key (beyond required fields and reuse)."""
        return {}

    @property
    def shown_keys(self) -> tuple[str, ...]:
        return self.preview_keys or tuple(f.key for f in self.fields[:3])

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


_REGISTRY: dict[str, Importer] = {}


def register(importer_class: type[Importer]) -> type[Importer]:
    """Class decorator: make the importer available (once per key)."""
    importer = importer_class()
    existing = _REGISTRY.get(importer.key)
    if existing is not None and type(existing).__qualname__ != importer_class.__qualname__:
        raise ValueError(f"Two importers have the key {importer.key!r}.")
    _REGISTRY[importer.key] = importer
    return importer_class


def get_importer(key: str) -> Importer | None:
    return _REGISTRY.get(key)


def importers() -> list[Importer]:
    return sorted(_REGISTRY.values(), key=lambda i: str(i.label))


def importers_allowed(can: Any) -> list[Importer]:
    """The importers a holder may use; `can` is `OrgAccess.can`."""
    return [i for i in importers() if can(i.perm)]


def _by_field(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            key: [str(m) for e in errors for m in e.messages]
            for key, errors in exc.error_dict.items()
        }
    return {"": [str(m) for m in exc.messages]}
