"""The organisation's main navigation: one list, filtered by the role table."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from tenancy.access import OrgAccess
from tenancy.roles import Perm


@dataclass(frozen=True)
class NavItem:
    label: str  # English; organisation_nav translates it for the page
    url_name: str
    perm: Perm
    exact: bool = False  # highlight only on the exact page (Overview), not on pages below it


ORGANISATION_NAV = [
    NavItem(gettext_noop("Overview"), "tenancy:org_home", Perm.VIEW_ORGANISATION, exact=True),
    NavItem(gettext_noop("Dashboard"), "reporting:dashboard", Perm.VIEW_DASHBOARD),
    NavItem(gettext_noop("Self-evaluations"), "assessments:index", Perm.VIEW_ORGANISATION),
    NavItem(gettext_noop("Action plan"), "actionplans:index", Perm.VIEW_ORGANISATION),
    NavItem(gettext_noop("My work"), "reporting:my_work", Perm.UPDATE_ASSIGNED_WORK),
    NavItem(gettext_noop("Evidence"), "evidence:list", Perm.VIEW_CONTENT),
    NavItem(gettext_noop("Subcontractors"), "subcontractors:index", Perm.VIEW_ORGANISATION),
    NavItem(gettext_noop("Registers"), "registers:index", Perm.VIEW_ORGANISATION),
    NavItem(gettext_noop("Training"), "training:matrix", Perm.VIEW_ORGANISATION),
    NavItem(gettext_noop("People"), "tenancy:member_list", Perm.VIEW_MEMBERS),
]


def organisation_nav(access: OrgAccess, path: str) -> list[dict[str, str | bool]]:
    items: list[dict[str, str | bool]] = []
    for item in ORGANISATION_NAV:
        if not access.can(item.perm):
            continue
        url = reverse(item.url_name, kwargs={"org_slug": access.organisation.slug})
        current = path == url if item.exact else path.startswith(url)
        items.append({"label": gettext(item.label), "url": url, "current": current})
    return items
