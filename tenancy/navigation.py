"""The organisation's main navigation: one list, filtered by the role table."""

from dataclasses import dataclass

from django.urls import reverse

from tenancy.access import OrgAccess
from tenancy.roles import Perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: Perm
    exact: bool = False  # highlight only on the exact page (Overview), not on pages below it


ORGANISATION_NAV = [
    NavItem("Overview", "tenancy:org_home", Perm.VIEW_ORGANISATION, exact=True),
    NavItem("Dashboard", "reporting:dashboard", Perm.VIEW_DASHBOARD),
    NavItem("Self-evaluations", "assessments:index", Perm.VIEW_ORGANISATION),
    NavItem("Action plan", "actionplans:index", Perm.VIEW_ORGANISATION),
    NavItem("My work", "reporting:my_work", Perm.UPDATE_ASSIGNED_WORK),
    NavItem("Evidence", "evidence:list", Perm.VIEW_CONTENT),
    NavItem("Subcontractors", "subcontractors:index", Perm.VIEW_ORGANISATION),
    NavItem("Registers", "registers:index", Perm.VIEW_ORGANISATION),
    NavItem("Training", "training:matrix", Perm.VIEW_ORGANISATION),
    NavItem("People", "tenancy:member_list", Perm.VIEW_MEMBERS),
]


def organisation_nav(access: OrgAccess, path: str) -> list[dict[str, str | bool]]:
    items: list[dict[str, str | bool]] = []
    for item in ORGANISATION_NAV:
        if not access.can(item.perm):
            continue
        url = reverse(item.url_name, kwargs={"org_slug": access.organisation.slug})
        current = path == url if item.exact else path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items
