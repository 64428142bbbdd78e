"""Members to invite, from a staff list: this app's own importer (tenancy sits below it).

Every row becomes an invitation through `tenancy.services.invitation_create`, the same check
and email as inviting one person on the people page; memberships are never created here (the
person accepts the invitation). Importing the list again invites no one twice: an address that
is already a member's, or has an invitation waiting, is left unchanged.
"""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imports.checks import CREATE, UNCHANGED, RowCheck, RowResult
from imports.registry import Field, Importer, register
from tenancy.models import Invitation, InvitationState, Membership, Organisation
from tenancy.roles import Perm, Role
from tenancy.services import invitation_create


@register
class MemberInviteImporter(Importer):
    key = "members"
    model = Invitation
    label = _("Members to invite (a staff list)")
    noun = _("invitation")
    perm = Perm.MANAGE_MEMBERS
    done_url = "tenancy:member_list"
    needs = _(
        "An email address for each person; optionally their role (quality manager, senior "
        "leader, contributor or viewer; contributor if empty). Each gets an invitation email."
    )
    matching = _(
        "Importing the list again invites no one twice: people who are already members, or "
        "have an invitation waiting, are left as they are."
    )
    preview_keys = ("email", "role")
    fields = (
        Field(
            "email",
            _("Email"),
            ("email address", "work email", "e mail", "mail", "staff email"),
            required=True,
        ),
        Field(
            "role",
            _("Role"),
            ("access", "permission", "access level", "user role"),
            hint=_("Quality manager, senior leader, contributor or viewer."),
        ),
    )

    def check(
        self,
        rows: Sequence[tuple[int, dict[str, str]]],
        *,
        organisation: Organisation,
        labels: dict[str, str],
        by: Any,
    ) -> list[RowResult]:
        members = {
            e.casefold()
            for e in Membership.objects.for_organisation(organisation).values_list(
                "user__email", flat=True
            )
        }
        waiting = {
            i.email.casefold()
            for i in Invitation.objects.for_organisation(organisation).filter(
                accepted_at=None, revoked_at=None
            )
            if i.state == InvitationState.PENDING
        }
        own = (getattr(by, "email", "") or "").casefold()
        seen: dict[str, int] = {}
        results = []
        for number, values in rows:
            result = RowResult(number, values)
            results.append(result)
            row = RowCheck(result, labels)
            email = row.email("email", required=True).lower()
            role = row.choice("role", Role, default=Role.CONTRIBUTOR)
            if email and email in seen:
                row.error(
                    "email",
                    gettext("Row %(row)s has the same email: each person once.")
                    % {"row": seen[email]},
                )
            seen.setdefault(email, number)
            if email and email == own:
                row.error("email", gettext("This is your own address; you cannot invite yourself."))
            if result.errors:
                continue
            result.fields = {"email": email, "role": role}
            result.action = CREATE
            if email in members:
                result.action, result.note = UNCHANGED, gettext("Already a member.")
            elif email in waiting:
                result.action = UNCHANGED
                result.note = gettext("An invitation is already waiting.")
        return results

    def apply_row(self, row: RowResult, *, organisation: Organisation, by: Any) -> None:
        invitation_create(organisation=organisation, by=by, **row.fields)
