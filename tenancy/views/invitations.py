from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache

from accounts.models import User
from core.access import token_view
from core.forms import add_service_errors
from core.languages import respond_in
from core.links import LinkProblem, link_problem_response
from core.secret_links import UNKNOWN
from tenancy.forms import AcceptInvitationForm
from tenancy.models import Invitation, InvitationState
from tenancy.roles import role_description
from tenancy.services import invitation_accept, user_create_from_invitation

# Marked here, translated when shown (LinkProblem holds str), so in the language active then.
PROBLEMS = {
    UNKNOWN: LinkProblem(
        404,
        gettext_noop("This invitation link is not valid"),
        gettext_noop(
            "The link may have been copied incompletely, or replaced by a newer invitation. "
            "Ask the person who invited you to send it again."
        ),
    ),
    InvitationState.ACCEPTED: LinkProblem(
        410,
        gettext_noop("This invitation has already been used"),
        gettext_noop(
            "Each invitation link works once. If it was you who accepted it, sign in instead."
        ),
    ),
    InvitationState.REVOKED: LinkProblem(
        410,
        gettext_noop("This invitation has been withdrawn"),
        gettext_noop(
            "The organisation withdrew this invitation. Ask them to invite you again if you "
            "still need access."
        ),
    ),
    InvitationState.EXPIRED: LinkProblem(
        410,
        gettext_noop("This invitation has expired"),
        gettext_noop(
            "Invitation links work for a limited time. Ask the person who invited you to "
            "re-send it."
        ),
    ),
}


def _problem(request: HttpRequest, problem: str) -> HttpResponse:
    known = PROBLEMS[problem]
    shown = LinkProblem(known.status, gettext(str(known.title)), gettext(str(known.explanation)))
    return link_problem_response(request, shown, offer_sign_in=True)


@token_view
@never_cache
def invitation_accept_view(request: HttpRequest, invitation_code: UUID, token: str) -> HttpResponse:
    invitation = _invitation(invitation_code, token)
    if request.user.is_authenticated or invitation is None:
        return _accept(request, invitation)
    # A visitor not signed in has no language of their own here: the inviter chose one.
    return respond_in(invitation.language, lambda: _accept(request, invitation))


def _invitation(invitation_code: UUID, token: str) -> Invitation | None:
    invitation = (
        Invitation.unscoped.select_related("organisation", "invited_by")
        .filter(code=invitation_code)
        .first()
    )
    return invitation if invitation is not None and invitation.token_matches(token) else None


def _accept(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    if invitation is None:
        return _problem(request, UNKNOWN)
    if invitation.state != InvitationState.PENDING:
        return _problem(request, invitation.state)

    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role_description": role_description(invitation.role),
    }
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "tenancy/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            return _accept_and_enter(request, invitation, user)
        return render(request, "tenancy/invitation_join.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "tenancy/invitation_sign_in.html", context)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create_from_invitation(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(
                request,
                gettext("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect(invitation.organisation)
    context["form"] = form
    return render(
        request, "tenancy/invitation_signup.html", context, status=400 if form.errors else 200
    )


def _accept_and_enter(request: HttpRequest, invitation: Invitation, user: User) -> HttpResponse:
    try:
        invitation_accept(invitation=invitation, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("home")
    messages.success(
        request,
        gettext("You have joined %(organisation)s.") % {"organisation": invitation.organisation},
    )
    return redirect(invitation.organisation)
