"""What the action plan views share: finding an action and the per-object rule for updating."""

from uuid import UUID

from django.shortcuts import get_object_or_404

from actionplans.models import Action
from actionplans.selectors import action_detail_queryset
from actionplans.services import OWNER_PERMISSION
from tenancy.access import OrgAccess
from tenancy.roles import Perm


def get_action(code: UUID) -> Action:
    """The action with this code in the current organisation (404 otherwise)."""
    return get_object_or_404(action_detail_queryset(), code=code)


def can_update(access: OrgAccess, action: Action, user) -> bool:
    """Quality managers update any action; others who update assigned work only the actions
    they hold the owner's per-object permission for."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return False
    if access.can(Perm.MANAGE_COMPLIANCE_WORK):
        return True
    return access.membership is not None and user.has_perm(OWNER_PERMISSION, action)


def page_context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}
