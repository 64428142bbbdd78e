"""Due diligence reviews from the lead provider's side: starting one, sending the questionnaire,
reading the answers (with the documents and the access log), and accepting or returning it."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from core.dates import one_year_after
from core.forms import add_service_errors
from subcontractors.forms import (
    DecisionForm,
    QuestionnaireSendForm,
    ReviewStartForm,
    sender_language,
)
from subcontractors.models import ReviewStatus
from subcontractors.selectors import (
    review_accesses,
    review_emails,
    review_items,
    review_links,
    review_timeline,
)
from subcontractors.services import (
    links_revoke,
    review_accept,
    review_questions,
    review_return,
    review_send,
    review_start,
)
from subcontractors.views.common import get_review, get_subcontractor, page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def review_start_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    if request.method == "POST":
        data = request.POST.copy()
        data.setdefault("language", sender_language(request.user))  # a page from before it
        form = ReviewStartForm(data)
        if form.is_valid():
            send_now = request.POST.get("send") == "now"
            try:
                with transaction.atomic():
                    review = review_start(
                        subcontractor=subcontractor,
                        due_date=form.cleaned_data["due_date"],
                        by=request.user,
                        language=form.cleaned_data["language"],
                    )
                    if send_now:
                        review_send(review=review, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if send_now:
                    messages.success(
                        request,
                        gettext("The questionnaire is on its way to %(name)s (%(email)s).")
                        % {
                            "name": subcontractor.prevent_lead_name,
                            "email": subcontractor.prevent_lead_email,
                        },
                    )
                else:
                    messages.success(request, gettext("The review is started as a draft."))
                return redirect(review)
        status = 400
    else:
        form = ReviewStartForm(
            initial={
                "due_date": ReviewStartForm.default_due_date(),
                "language": sender_language(request.user),
            }
        )
        status = 200
    context = page_context(access, subcontractor=subcontractor, form=form)
    return render(request, "subcontractors/review_start.html", context, status=status)


def _send_form_initial(request: HttpRequest, review) -> str:
    """A draft is offered in the sender's language; a new link in the one already used."""
    return sender_language(request.user) if review.status == ReviewStatus.DRAFT else review.language


def _review_page(
    request, access, review, decision_form=None, status=200, send_form=None
) -> HttpResponse:
    can_manage = access.can(Perm.MANAGE_COMPLIANCE_WORK)
    links = review_links(review=review) if can_manage else []
    context = page_context(
        access,
        subcontractor=review.subcontractor,
        review=review,
        items=review_items(review=review),
        own_questions=review_questions(review),
        timeline=review_timeline(review=review),
        accesses=review_accesses(review=review) if can_manage else [],
        emails=review_emails(review=review) if can_manage else [],
        links=links,
        live_links=[link for link in links if link.is_live],
        decision_form=decision_form or DecisionForm(),
        send_form=send_form
        or QuestionnaireSendForm(initial={"language": _send_form_initial(request, review)}),
        can_decide=can_manage and review.status == ReviewStatus.SUBMITTED,
        can_send=can_manage
        and not review.subcontractor.is_ended
        and review.status
        in (ReviewStatus.DRAFT, ReviewStatus.SENT, ReviewStatus.IN_PROGRESS, ReviewStatus.RETURNED),
        today=timezone.localdate(),
        link_days=settings.SUBCONTRACTOR_LINK_DAYS,
    )
    return render(request, "subcontractors/review.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def review_detail(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, review_code: UUID
) -> HttpResponse:
    review = get_review(get_subcontractor(subcontractor_code), review_code)
    return _review_page(request, access, review)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def review_send_view(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, review_code: UUID
) -> HttpResponse:
    subcontractor = get_subcontractor(subcontractor_code)
    review = get_review(subcontractor, review_code)
    first = review.status == ReviewStatus.DRAFT
    data = request.POST.copy()
    data.setdefault("language", _send_form_initial(request, review))  # a page from before it
    form = QuestionnaireSendForm(data)
    if not form.is_valid():
        return _review_page(request, access, review, status=400, send_form=form)
    try:
        review_send(review=review, by=request.user, language=form.cleaned_data["language"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        to = f"{subcontractor.prevent_lead_name} ({subcontractor.prevent_lead_email})"
        messages.success(
            request,
            (
                gettext("The questionnaire is on its way to %(to)s.")
                if first
                else gettext("A new link is on its way to %(to)s. Earlier links no longer work.")
            )
            % {"to": to},
        )
    return redirect(review)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def review_decide(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, review_code: UUID
) -> HttpResponse:
    review = get_review(get_subcontractor(subcontractor_code), review_code)
    decision = request.POST.get("decision")
    if review.status != ReviewStatus.SUBMITTED or decision not in ("accept", "return"):
        messages.error(
            request, gettext("Only a submitted questionnaire can be accepted or returned.")
        )
        return redirect(review)
    form = DecisionForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if decision == "accept":
                review_accept(review=review, by=request.user, comment=comment)
            else:
                review_return(review=review, by=request.user, comment=comment)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if decision == "accept":
                review.subcontractor.refresh_from_db(fields=["next_review_date"])
                messages.success(request, _accepted_message(review))
            else:
                messages.success(
                    request,
                    gettext(
                        "The questionnaire is returned. We have emailed %(name)s your comments "
                        "and a link to it."
                    )
                    % {"name": review.subcontractor.prevent_lead_name},
                )
            return redirect(review)
    return _review_page(request, access, review, decision_form=form, status=400)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def review_revoke_links(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID, review_code: UUID
) -> HttpResponse:
    review = get_review(get_subcontractor(subcontractor_code), review_code)
    count = links_revoke(review=review, by=request.user)
    if count:
        stopped = ngettext(
            "%(count)s link to the questionnaire no longer works.",
            "%(count)s links to the questionnaire no longer work.",
            count,
        )
        messages.success(request, stopped % {"count": count})
    else:
        messages.info(request, gettext("No link to this questionnaire was still working."))
    return redirect(review)


def _accepted_message(review) -> str:
    """Says when the next review is due, and that a date someone set was kept."""
    due = review.subcontractor.next_review_date
    if due != one_year_after(timezone.localdate()):
        return gettext(
            "The review is accepted. The next one stays due on %(date)s, the date set on "
            "the subcontractor's record (not moved to a year from today)."
        ) % {"date": f"{due:%d/%m/%Y}"}
    return gettext("The review is accepted. The next one is due on %(date)s.") % {
        "date": f"{due:%d/%m/%Y}"
    }
