"""The importers: one per kind of list a spreadsheet may bring in, registered by the app that
owns the records (`<app>/importers.py`, found when the apps load).

An importer says which fields a file may hold (with the header names each is guessed from),
which permission importing needs (from the role table, `tenancy.roles`), how to check the rows
(`check`: a fixed number of queries whatever the file's size, saying per row what confirming
would do) and how to write one checked row through the owning app's services (`apply_row`).
Everything else (reading the file, the job that keeps its cells, the mapping, the preview, the
one transaction) is this app's, the same for every kind.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from imports.checks import RowResult
from tenancy.models import Organisation
from tenancy.roles import Perm


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    hint: str = ""

    def names(self) -> tuple[str, ...]:
        """The header names this field is guessed from: its label first."""
        return (self.label, *self.synonyms)


class Importer:
    """Subclass, set the class attributes, implement `check` and `apply_row`, `register()`."""

    key: ClassVar[str]
    label: ClassVar[str]  # "Actions (an action plan)"
    noun: ClassVar[str]  # "action", for "3 actions"
    perm: ClassVar[Perm]
    fields: ClassVar[tuple[Field, ...]]
    #: What the upload page says the file needs, and how a row is matched on a second import.
    needs: ClassVar[str] = ""
    matching: ClassVar[str] = ""
    #: Where "See them" goes once imported: a URL name taking org_slug.
    done_url: ClassVar[str] = ""
    #: A ready-made file in the expected layout (a URL name taking org_slug), if there is one;
    #: the upload page links it, with `template_label` as the link's text.
    template_url: ClassVar[str] = ""
    template_label: ClassVar[str] = ""
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
    return sorted(_REGISTRY.values(), key=lambda i: i.label)


def importers_allowed(can: Any) -> list[Importer]:
    """The importers a holder may use; `can` is `OrgAccess.can`."""
    return [i for i in importers() if can(i.perm)]
