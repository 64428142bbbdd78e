"""Fail-closed tenant scoping.

`Model.objects` on a tenant-owned model only works inside `tenant_scope(organisation)` and then
returns that organisation's rows; outside a scope it raises instead of returning every tenant's
data. Code that knows its organisation but runs outside a request says so explicitly with
`Model.objects.for_organisation(organisation)`; a Celery task enters the scope from its own
arguments with `@with_tenant_scope(...)`. `Model.unscoped` is the deliberate, greppable way
round it, kept for the few queries that must cross tenants (admin, a user's own memberships,
sweeps over every tenant, token lookups before the organisation is known);
`tests/test_unscoped_allowlist.py` lists them.

What the scope does not cover (see docs/architecture.md): related managers
(`organisation.memberships`, `action.progress_updates`) and `_default_manager` (ModelForm
choice fields, admin, `get_object_or_404(Model, ...)` on a class) are unscoped by design, and
raw SQL sees every tenant.
"""

import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

if TYPE_CHECKING:
    from tenancy.models import Organisation, TenantModel

logger = logging.getLogger(__name__)

_current_organisation_id: ContextVar[int | None] = ContextVar("tenant_scope", default=None)

F = TypeVar("F", bound=Callable[..., Any])
_M = TypeVar("_M", bound=models.Model)


class TenantScopeError(RuntimeError):
    pass


def _organisation_id(organisation: "Organisation | int | None") -> int:
    """The id of `organisation`, refusing None, an unsaved organisation and non-ids."""
    if organisation is None:
        raise TenantScopeError("No organisation given: refusing to guess whose rows to use.")
    from tenancy.models import Organisation

    if isinstance(organisation, bool) or not isinstance(organisation, int | Organisation):
        raise TenantScopeError(f"Not an organisation or its id: {organisation!r}.")
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    if organisation_id is None:
        raise TenantScopeError("Cannot enter the scope of an unsaved organisation.")
    return organisation_id


@contextmanager
def tenant_scope(organisation: "Organisation | int") -> Iterator[None]:
    token = _current_organisation_id.set(_organisation_id(organisation))
    try:
        yield
    finally:
        _current_organisation_id.reset(token)


def current_organisation_id() -> int | None:
    return _current_organisation_id.get()


class TenantManager(models.Manager[_M]):
    def get_queryset(self) -> models.QuerySet[_M]:
        organisation_id = _current_organisation_id.get()
        if organisation_id is None:
            raise TenantScopeError(
                f"{self.model.__name__}.objects was used outside tenant_scope(); enter a scope, "
                f"use {self.model.__name__}.objects.for_organisation(organisation), or (only to "
                f"cross tenants) {self.model.__name__}.unscoped."
            )
        return super().get_queryset().filter(organisation_id=organisation_id)

    def for_organisation(self, organisation: "Organisation | int | None") -> models.QuerySet[_M]:
        """Only `organisation`'s rows, inside a scope or not.

        Raises `TenantScopeError` for None or an unsaved organisation, and inside the scope of
        another organisation (a request for one tenant never reads another's rows)."""
        organisation_id = _organisation_id(organisation)
        active = _current_organisation_id.get()
        if active is not None and active != organisation_id:
            raise TenantScopeError(
                f"{self.model.__name__}.objects.for_organisation({organisation_id}) was used "
                f"inside the scope of organisation {active}."
            )
        return super().get_queryset().filter(organisation_id=organisation_id)


def with_tenant_scope(
    argument: str, *, model: "type[TenantModel] | None" = None, if_missing: Any = None
) -> Callable[[F], F]:
    """Run a task inside the tenant scope named by one of its arguments.

    `argument` names the task's organisation id; with `model`, it names the primary key of a
    row of `model`, and the row's organisation is used. A missing argument or None raises
    `TenantScopeError`; when the row is gone (deleted since the task was queued) the task is
    skipped and returns `if_missing`. The scope is left when the task returns or raises.
    Put it under `@shared_task`, which then still checks callers' arguments::

        @shared_task
        @with_tenant_scope("pack_id", model=EvidencePack)
        def generate_pack_task(pack_id: int) -> str: ...
    """

    def decorate(task: F) -> F:
        if not inspect.isfunction(task):
            raise TypeError("Put @with_tenant_scope under @shared_task, on the function itself.")
        signature = inspect.signature(task)
        if argument not in signature.parameters:
            raise TypeError(f"{task.__name__} has no argument {argument!r} to take a scope from.")

        @functools.wraps(task)
        def run_in_scope(*args: Any, **kwargs: Any) -> Any:
            value = signature.bind(*args, **kwargs).arguments.get(argument)
            if value is None:
                raise TenantScopeError(f"{task.__name__} was called without {argument}.")
            organisation_id = value
            if model is not None:
                organisation_id = _row_organisation_id(model, value)
                if organisation_id is None:
                    logger.info("%s skipped: %s %s is gone", task.__name__, model.__name__, value)
                    return if_missing
            with tenant_scope(organisation_id):
                return task(*args, **kwargs)

        run_in_scope.__signature__ = signature  # type: ignore[attr-defined]  # for Celery
        return run_in_scope  # type: ignore[return-value]

    return decorate


def _row_organisation_id(model: "type[TenantModel]", pk: Any) -> int | None:
    # Before the scope exists: the row's own organisation, looked up by its primary key.
    return model.unscoped.filter(pk=pk).values_list("organisation_id", flat=True).first()
