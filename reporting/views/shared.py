"""What an inspector opens without an account: a share link's PDF, after a one-time code when
the link is bound to them, and the privacy notice saying what is logged and why.

A bound link's page posts back to its own address (`action=send` emails a code, `action=verify`
checks one), so it answers with `Referrer-Policy: strict-origin` (the form's CSRF origin check
needs the origin; the path with the token is never sent). The PDF itself goes out with
`no-referrer`.
"""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from core.access import public_view, token_view
from core.links import LinkProblem, link_problem_response, protect_secret_response
from core.secret_links import EXPIRED, REVOKED, UNKNOWN
from reporting.models import PackAccess, PackShareLink, PackStatus
from reporting.services import share_access_record
from reporting.share_codes import (
    CODE_ATTEMPTS,
    session_is_verified,
    session_verify,
    share_code_check,
    share_code_send,
)
from reporting.stamp import shared_with_line
from reporting.views.check import copy_check_page
from reporting.views.packs import pack_copy_response

SHARE_PROBLEMS = {
    UNKNOWN: LinkProblem(
        404, _("This link is not valid"), _("Check that you copied the whole address.")
    ),
    REVOKED: LinkProblem(
        410, _("This link has been withdrawn"), _("Ask the provider for a new link.")
    ),
    EXPIRED: LinkProblem(410, _("This link has expired"), _("Ask the provider for a new link.")),
}
SHARE_NOTE = _(
    "Evidence pack links are shared by training providers with inspectors. They expire and can "
    "be withdrawn."
)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the email"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits from the email, for example 042917.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "12"}
        ),
    )


def masked(email: str) -> str:
    """a•••@example.org: enough for the recipient to recognise, not to harvest."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def _serve(request: HttpRequest, link: PackShareLink) -> HttpResponseBase:
    share_access_record(link=link, **PackAccess.visitor(request))
    line = shared_with_line(
        recipient_name=link.recipient_name,
        recipient_email=link.recipient_email,
        label=link.recipient,
        language=link.pack.language,
    )
    response = pack_copy_response(link.pack, line, inline=True)
    return protect_secret_response(response, referrer_policy="no-referrer")


def _code_page(
    request: HttpRequest,
    link: PackShareLink,
    *,
    form: CodeForm,
    note: str = "",
    note_ok: bool = True,
    status: int = 200,
) -> HttpResponse:
    context = {
        "link": link,
        "provider": link.pack.organisation.name,
        "email": masked(link.recipient_email),
        "form": form,
        "note": note,
        "note_ok": note_ok,
        "attempts": CODE_ATTEMPTS,
    }
    response = render(request, "reporting/share_code.html", context, status=status)
    return protect_secret_response(response, referrer_policy="strict-origin")


def _bound(request: HttpRequest, link: PackShareLink, token: str) -> HttpResponseBase:
    if session_is_verified(request.session, link):
        if request.method == "POST":  # a second submit of the code form: open it by GET
            return redirect("reporting:shared_pack", token=token)
        return _serve(request, link)
    visitor = PackAccess.visitor(request)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "send":
        outcome = share_code_send(link=link, visitor=visitor)
        return _code_page(request, link, form=CodeForm(), note=outcome.message, note_ok=outcome.ok)
    if action == "verify":
        form = CodeForm(request.POST)
        if form.is_valid():
            outcome = share_code_check(link=link, code=form.cleaned_data["code"], visitor=visitor)
            if outcome.ok:
                session_verify(request.session, link)
                return redirect("reporting:shared_pack", token=token)
            form.add_error("code", outcome.message)
        return _code_page(request, link, form=form, status=400)
    return _code_page(request, link, form=CodeForm())


def _share_link(request: HttpRequest, token: str) -> PackShareLink | HttpResponse:
    """The working link with this token, or the page saying why it does not work."""
    # by its token, before the organisation is known
    links = PackShareLink.unscoped.select_related("pack__organisation", "pack__assessment")
    link = links.for_token(token)
    if link is None or link.pack.status != PackStatus.READY or not link.pack.file:
        return link_problem_response(request, SHARE_PROBLEMS[UNKNOWN], note=SHARE_NOTE)
    if link.refusal:
        return link_problem_response(request, SHARE_PROBLEMS[link.refusal], note=SHARE_NOTE)
    return link


@token_view
def shared_pack(request: HttpRequest, token: str) -> HttpResponseBase:
    """An inspector opens the PDF without an account. Every access is logged."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    link = _share_link(request, token)
    if not isinstance(link, PackShareLink):
        return link
    if link.is_bound:
        return _bound(request, link, token)
    return _serve(request, link)


@token_view
def shared_pack_check(request: HttpRequest, token: str) -> HttpResponseBase:
    """ "Check a copy": the inspector uploads the PDF they received and the page says whether
    this platform signed it, whether it is unchanged since, and which snapshot it carries.
    Whoever may open the pack may check a copy: a bound link asks for its code first."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    link = _share_link(request, token)
    if not isinstance(link, PackShareLink):
        return link
    if link.is_bound and not session_is_verified(request.session, link):
        return redirect("reporting:shared_pack", token=token)
    return copy_check_page(request, link, token)


@public_view
def privacy_links(request: HttpRequest) -> HttpResponse:
    """What is logged when someone opens a secret link (inspectors, subcontractors), and why."""
    context = {"retention_days": settings.PACK_RETENTION_DAYS}
    return render(request, "reporting/privacy_links.html", context)
