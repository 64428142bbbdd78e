from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from accounts.http import AuthenticatedHttpRequest
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.forms import ChangeRoleForm, InviteMemberForm, role_choices
from tenancy.models import Invitation, Membership
from tenancy.roles import (
    DESIGNATION_ROLES,
    ROLE_DESCRIPTIONS,
    Designation,
    Perm,
    holder_label,
    role_description,
)
from tenancy.selectors import invitation_list_open, membership_list
from tenancy.services import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
    membership_change_role,
    membership_remove,
    membership_set_safeguarding_lead,
    organisation_require_mfa,
)


def get_membership(code: UUID) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), code=code)


def get_invitation(code: UUID) -> Invitation:
    return get_object_or_404(Invitation.objects, code=code)


def _render_members(
    request: HttpRequest,
    access: OrgAccess,
    invite_form: InviteMemberForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "access": access,
        "organisation": access.organisation,
        "memberships": membership_list(organisation=access.organisation),
        "invitations": invitation_list_open(organisation=access.organisation),
        "invite_form": invite_form or InviteMemberForm.blank(getattr(request.user, "language", "")),
        "role_choices": role_choices(),
        "role_descriptions": [(holder_label(r), role_description(r)) for r in ROLE_DESCRIPTIONS],
        "can_manage": access.can(Perm.MANAGE_MEMBERS),
        "safeguarding_lead_roles": DESIGNATION_ROLES[Designation.SAFEGUARDING_LEAD],
    }
    return render(request, "tenancy/members.html", context, status=status)


@org_view(Perm.VIEW_MEMBERS)
def member_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return _render_members(request, access)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def member_invite(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    data = request.POST.copy()
    data.setdefault("language", request.user.language)  # a page from before the choice
    form = InviteMemberForm(data)
    if form.is_valid():
        try:
            invitation = invitation_create(
                organisation=access.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            role = invitation.role_label.lower()
            messages.success(
                request,
                gettext("Invitation sent to %(email)s as %(role)s.")
                % {"email": invitation.email, "role": role},
            )
            return redirect("tenancy:member_list", org_slug=access.organisation.slug)
    return _render_members(request, access, invite_form=form, status=400)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def member_change_role(request: HttpRequest, access: OrgAccess, member_code: UUID) -> HttpResponse:
    membership = get_membership(member_code)
    form = ChangeRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the roles in the list."))
    else:
        try:
            membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                gettext("%(person)s is now a %(role)s.")
                % {"person": membership.user, "role": holder_label(membership.role).lower()},
            )
    return redirect("tenancy:member_list", org_slug=access.organisation.slug)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def member_safeguarding_lead(
    request: HttpRequest, access: OrgAccess, member_code: UUID
) -> HttpResponse:
    membership = get_membership(member_code)
    designated = request.POST.get("designated") == "yes"
    try:
        membership = membership_set_safeguarding_lead(membership=membership, designated=designated)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if membership.is_safeguarding_lead:
            done = gettext("%(person)s is now a designated safeguarding lead.") % {
                "person": membership.user
            }
        else:
            done = gettext("%(person)s is no longer a designated safeguarding lead.") % {
                "person": membership.user
            }
        messages.success(request, done)
    return redirect("tenancy:member_list", org_slug=access.organisation.slug)


@org_view(Perm.MANAGE_MEMBERS, methods=("GET", "POST"))
def member_remove(request: HttpRequest, access: OrgAccess, member_code: UUID) -> HttpResponse:
    membership = get_membership(member_code)
    if request.method == "POST":
        try:
            membership_remove(membership=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                gettext("%(person)s no longer has access to %(organisation)s.")
                % {"person": membership.user, "organisation": access.organisation},
            )
            if membership.user_id == request.user.pk:
                return redirect("home")
        return redirect("tenancy:member_list", org_slug=access.organisation.slug)
    context = {"access": access, "organisation": access.organisation, "membership": membership}
    return render(request, "tenancy/member_remove.html", context)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def invitation_resend_view(
    request: HttpRequest, access: OrgAccess, invitation_code: UUID
) -> HttpResponse:
    invitation = get_invitation(invitation_code)
    try:
        invitation_resend(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            gettext("A new invitation email is on its way to %(email)s.")
            % {"email": invitation.email},
        )
    return redirect("tenancy:member_list", org_slug=access.organisation.slug)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def invitation_revoke_view(
    request: HttpRequest, access: OrgAccess, invitation_code: UUID
) -> HttpResponse:
    invitation = get_invitation(invitation_code)
    try:
        invitation_revoke(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            gettext("The invitation for %(email)s no longer works.") % {"email": invitation.email},
        )
    return redirect("tenancy:member_list", org_slug=access.organisation.slug)


@org_view(Perm.MANAGE_MEMBERS, methods=("POST",))
def mfa_policy(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    required = request.POST.get("require_mfa") == "on"
    organisation_require_mfa(organisation=access.organisation, required=required)
    if required:
        messages.success(
            request,
            gettext(
                "Everyone must now use two-factor authentication; anyone without it is asked to "
                "set it up before they can continue."
            ),
        )
    else:
        messages.success(
            request, gettext("Two-factor authentication is now a choice for each person.")
        )
    return redirect("tenancy:member_list", org_slug=access.organisation.slug)
