"""Role titles instead of names: a pack the provider chose to print without staff names.

Names reach the pack from many places (the lead, action owners, the approver frozen in the
snapshot, evidence owners, register officers, who saved each judgement), some as strings inside
the sign-off snapshot. Rather than teach every template a filter, the rendered HTML's body is
rewritten once: every name and email address of anyone who is or was a member (or is the
organisation's account manager) becomes their role title, whole words only, longest first.
"""

import re

from django.utils.html import escape

from tenancy.models import Membership, Organisation, OrganisationUserObjectPermission
from tenancy.roles import Role

FORMER_MEMBER = "Former member of staff"
ACCOUNT_MANAGER_TITLE = "Account manager"


def _people_of(organisation: Organisation) -> dict[int, str]:
    """Each person's user id and role title: current members, former members, account manager."""
    titles: dict[int, str] = {}
    former = Membership.history.filter(organisation_id=organisation.pk).values_list(
        "user_id", flat=True
    )
    for user_id in former:
        titles[user_id] = FORMER_MEMBER
    managers = OrganisationUserObjectPermission.objects.filter(
        content_object_id=organisation.pk
    ).values_list("user_id", flat=True)
    for user_id in managers:
        titles[user_id] = ACCOUNT_MANAGER_TITLE
    members = Membership.objects.for_organisation(organisation).values_list("user_id", "role")
    for user_id, role in members:
        titles[user_id] = Role(role).label
    return titles


def role_titles(organisation: Organisation) -> dict[str, str]:
    """Name or email address -> role title, for everyone who may appear in the pack."""
    from django.contrib.auth import get_user_model

    titles = _people_of(organisation)
    mapping: dict[str, str] = {}
    users = get_user_model().objects.filter(pk__in=titles).values_list("pk", "name", "email")
    for pk, name, email in users:
        for text in (name, email):
            if text and len(text.strip()) >= 3:  # too short to replace safely
                mapping[text.strip()] = titles[pk]
    return mapping


def replace_names(html: str, mapping: dict[str, str]) -> str:
    """`html` with every name of `mapping` in its body replaced by the role title."""
    if not mapping:
        return html
    head, marker, body = html.partition("<body")
    if not marker:
        head, body = "", html
    escaped: dict[str, str] = {
        str(escape(name)): str(escape(title)) for name, title in mapping.items()
    }
    names = sorted(escaped, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w@.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w@])")
    return head + marker + pattern.sub(lambda match: escaped[match.group(1)], body)
