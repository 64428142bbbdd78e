"""Fail-closed tenant scoping.

`Model.objects` on a tenant-owned model only works inside `tenant_scope(organisation)` and then
returns that organisation's rows; outside a scope it raises instead of returning every tenant's
data. `Model.unscoped` is the deliberate, greppable way round it (admin, the user's own
memberships, tasks before they know the organisation).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

from django.db import models

if TYPE_CHECKING:
    from tenancy.models import Organisation

_current_organisation_id: ContextVar[int | None] = ContextVar("tenant_scope", default=None)


class TenantScopeError(RuntimeError):
    pass


@contextmanager
def tenant_scope(organisation: "Organisation | int") -> Iterator[None]:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    if organisation_id is None:
        raise TenantScopeError("Cannot enter the scope of an unsaved organisation.")
    token = _current_organisation_id.set(organisation_id)
    try:
        yield
    finally:
        _current_organisation_id.reset(token)


def current_organisation_id() -> int | None:
    return _current_organisation_id.get()


_M = TypeVar("_M", bound=models.Model)


class TenantManager(models.Manager[_M]):
    def get_queryset(self) -> models.QuerySet[_M]:
        organisation_id = _current_organisation_id.get()
        if organisation_id is None:
            raise TenantScopeError(
                f"{self.model.__name__}.objects was used outside tenant_scope(); "
                f"enter a scope or use {self.model.__name__}.unscoped deliberately."
            )
        return super().get_queryset().filter(organisation_id=organisation_id)
