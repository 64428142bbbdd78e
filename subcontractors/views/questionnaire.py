"""The questionnaire a subcontractor answers through a secret link, without an account.

Every page here is under `q/<token>/`, uses a minimal layout (no navigation, no links into the
organisation's pages, nothing about the organisation beyond its name) and posts back to its own
address. The link opens exactly one review; every use of it is logged. A wrong, withdrawn or
expired link, or one to a questionnaire already submitted, gets a plain page saying so (404 or
410), never an error. Responses carry `Referrer-Policy: strict-origin`, so any request the page
makes (even for this site's own stylesheet) names only the site, never the path with the token;
not `no-referrer`, with which browsers send `Origin: null` and the form would fail Django's CSRF
origin check. Django's request logging is told not to log these paths, which hold the token.
"""

import logging
from collections import defaultdict
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.access import token_view
from core.links import client_ip, link_problem_response, protect_secret_response
from subcontractors.forms import ItemForm, OwnQuestionsForm, SubmitForm
from subcontractors.links import log_access
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    AccessAction,
    QuestionnaireLink,
    ReviewItem,
    ReviewStatus,
    SubcontractorDocument,
)
from subcontractors.services import (
    ItemAnswer,
    QuestionnaireChange,
    SubmissionIncomplete,
    own_question_problems,
    questionnaire_problems,
    questionnaire_save,
    questionnaire_submit,
    review_questions,
)
from subcontractors.views.documents import file_response
from subcontractors.views.questionnaire_language import in_questionnaire_language
from subcontractors.views.questionnaire_refusals import PROBLEMS
from tenancy.personal_data import confirmed_keys, form_places, personal_data_check, show_in_form
from tenancy.scope import tenant_scope

logger = logging.getLogger(__name__)

REFERRER_POLICY = "strict-origin"


def _protect(response: HttpResponse) -> HttpResponse:
    protect_secret_response(response, referrer_policy=REFERRER_POLICY)
    # django.request would log "Not Found: /q/<token>/"; the path holds the token.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _problem(request: HttpRequest, key: str, link: QuestionnaireLink | None = None) -> HttpResponse:
    if link is not None:
        logger.info("Questionnaire link %s refused: %s", link.pk, key)
    response = link_problem_response(
        request,
        PROBLEMS[key],
        provider=link.organisation.name if link else "",
        days=settings.SUBCONTRACTOR_LINK_DAYS,
    )
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _refusal(link: QuestionnaireLink | None) -> str | None:
    """Why this link may not be used now, or None."""
    if link is None:
        return "unknown"
    if link.is_revoked:
        return "revoked"
    if link.is_expired:
        return "expired"
    status = link.review.status
    if status == ReviewStatus.SUBMITTED:
        return "submitted"
    if status == ReviewStatus.ACCEPTED:
        return "accepted"
    if status not in AWAITING_SUBCONTRACTOR:
        return "unknown"
    return None


def _open_link(
    request: HttpRequest, link: QuestionnaireLink | None
) -> tuple[QuestionnaireLink | None, HttpResponse | None]:
    """The link, or the refusal page (each refusal of a real link is logged)."""
    refusal = _refusal(link)
    if refusal is None:
        return link, None
    return None, _refused(request, link, refusal)


def _refused(request: HttpRequest, link: QuestionnaireLink | None, refusal: str) -> HttpResponse:
    if link is not None:
        log_access(request, link, AccessAction.REFUSED, refusal)
    else:  # no link to log it against; and never the token itself
        logger.warning("Unknown questionnaire link tried from %s", client_ip(request))
    return _problem(request, refusal, link)


def _not_allowed(request: HttpRequest, link: QuestionnaireLink, allowed: list[str]):
    log_access(request, link, AccessAction.REFUSED, f"method {request.method} not allowed")
    return _protect(HttpResponseNotAllowed(allowed))


def _documents_by_item(link: QuestionnaireLink) -> dict[int, list[SubcontractorDocument]]:
    found = defaultdict(list)
    documents = SubcontractorDocument.objects.filter(
        review_id=link.review_id, review_item__isnull=False, archived_at=None
    ).order_by("created_at")
    for document in documents:
        found[document.review_item_id].append(document)
    return found


def _items(link: QuestionnaireLink) -> list[ReviewItem]:
    return list(ReviewItem.objects.filter(review_id=link.review_id).order_by("position"))


def _forms(link, items, data=None, files=None) -> list[ItemForm]:
    documents = _documents_by_item(link)
    forms = []
    for item in items:
        kwargs = {"entry": item.checklist, "documents": documents.get(item.pk, [])}
        if data is None:
            forms.append(ItemForm(initial=ItemForm.initial_for(item), **kwargs))
        else:
            forms.append(ItemForm(data, files, **kwargs))
    return forms


def _page(
    request,
    link: QuestionnaireLink,
    token: str,
    item_forms,
    submit_form,
    status: int = 200,
    notice: str = "",
    saved_before_problem: bool = False,
    personal: int = 0,
    own_form: OwnQuestionsForm | None = None,
) -> HttpResponse:
    review = link.review
    own_form = own_form or OwnQuestionsForm(questions=review_questions(review))
    context = {
        "own_form": own_form,
        "review": review,
        "subcontractor": review.subcontractor,
        "provider": link.organisation.name,
        "contact": review.subcontractor.owner or review.sent_by,
        "expires_at": link.expires_at,
        "overdue": review.due_date < timezone.localdate(),
        "item_forms": item_forms,
        "submit_form": submit_form,
        "has_errors": any(f.errors for f in [*item_forms, own_form]) or bool(submit_form.errors),
        "notice": notice,
        "saved_before_problem": saved_before_problem,
        "personal_data_count": personal,
        "returned": bool(review.decided_at and review.decision_comment),
        "form_action": reverse("questionnaire", kwargs={"token": token}),
        "token": token,
    }
    response = render(request, "subcontractors/questionnaire/page.html", context, status=status)
    return _protect(response)


def _change(item_forms, own_form: OwnQuestionsForm) -> QuestionnaireChange:
    answers, uploads, remove = {}, [], []
    for form in item_forms:
        data = form.cleaned_data
        answers[form.entry.key] = ItemAnswer(
            status=data.get("status") or "",
            notes=data.get("notes") or "",
            policy_review_date=data.get("policy_review_date"),
            training_percentage=data.get("training_percentage"),
            declared_authority=data.get("declared_authority") or "",
            declared_basis=data.get("declared_basis") or "",
            declared_funding_all_leads=data.get("declared_funding_all_leads"),
            declared_funders=data.get("declared_funders") or "",
        )
        if data.get("file"):
            uploads.append((form.entry.key, data["file"]))
        remove += data.get("remove") or []
    own_answers, own_uploads = own_form.answers()
    return QuestionnaireChange(
        answers=answers,
        uploads=uploads,
        remove=remove,
        own_answers=own_answers,
        own_uploads=own_uploads,
    )


@token_view
@in_questionnaire_language
def questionnaire(request: HttpRequest, token: str, link: QuestionnaireLink | None) -> HttpResponse:
    link, refused = _open_link(request, link)
    if refused:
        return refused
    if request.method not in ("GET", "HEAD", "POST"):
        return _not_allowed(request, link, ["GET", "HEAD", "POST"])
    with tenant_scope(link.organisation_id):
        if request.method != "POST":
            log_access(request, link, AccessAction.VIEWED)
            notice = ""
            if request.GET.get("saved"):
                notice = gettext(
                    "Your answers are saved. You can close this page and come back with the "
                    "link in your email until it expires on %(date)s."
                ) % {"date": f"{link.expires_at:%d/%m/%Y}"}
            forms = _forms(link, _items(link))
            return _page(request, link, token, forms, SubmitForm(), notice=notice)
        return _post(request, link, token)


def _not_valid(request, link: QuestionnaireLink, token: str, item_forms, submit_form, own_form):
    """The page again when an answer is not valid, or when any notes hold text that looks like
    personal data the subcontractor has neither changed nor confirmed; else None."""
    if not all([form.is_valid() for form in [*item_forms, own_form, submit_form]]):
        log_access(request, link, AccessAction.NOT_SAVED, "Some answers were not valid")
        return _page(request, link, token, item_forms, submit_form, status=400, own_form=own_form)
    subcontractor = link.review.subcontractor
    places = [
        place
        for form in item_forms
        for place in form_places(
            form, ("notes",), prefix=f"{subcontractor.name} questionnaire · {form.entry.title} · "
        )
    ]
    findings = personal_data_check(
        organisation=link.organisation,
        places=places,
        confirm=confirmed_keys(request.POST),
        by_label=f"{subcontractor.name}, through the questionnaire link",
    )
    if not findings:
        return None
    for form in item_forms:
        show_in_form(form, findings)
    log_access(request, link, AccessAction.NOT_SAVED, "Possible personal data to change or confirm")
    return _page(
        request,
        link,
        token,
        item_forms,
        submit_form,
        status=400,
        personal=len(findings),
        own_form=own_form,
    )


def _post(request: HttpRequest, link: QuestionnaireLink, token: str) -> HttpResponse:
    submitting = request.POST.get("action") == "submit"
    items = _items(link)
    item_forms = _forms(link, items, request.POST, request.FILES)
    submit_form = SubmitForm(request.POST)
    own_form = OwnQuestionsForm(
        request.POST, request.FILES, questions=review_questions(link.review)
    )
    refusal = _not_valid(request, link, token, item_forms, submit_form, own_form)
    if refusal:
        return refusal
    try:
        uploaded, removed = questionnaire_save(link=link, change=_change(item_forms, own_form))
    except ValidationError as exc:
        link.review.refresh_from_db()
        if link.review.status not in AWAITING_SUBCONTRACTOR:  # submitted in another tab
            return _refused(request, link, _refusal(link) or "submitted")
        log_access(request, link, AccessAction.NOT_SAVED, " ".join(exc.messages))
        submit_form.add_error(None, exc)
        return _page(request, link, token, item_forms, submit_form, status=400, own_form=own_form)
    log_access(request, link, AccessAction.SAVED)
    for document in uploaded:
        log_access(request, link, AccessAction.UPLOADED, document.original_filename)
    for document in removed:
        log_access(request, link, AccessAction.REMOVED, document.original_filename)
    url = reverse("questionnaire", kwargs={"token": token})
    if not submitting:
        return _protect(redirect(f"{url}?saved=1"))
    return _submit(request, link, token, submit_form)


def _submit(request: HttpRequest, link: QuestionnaireLink, token: str, submit_form) -> HttpResponse:
    """After saving: submit, or show what is missing beside each answer."""
    items = _items(link)
    problems = questionnaire_problems(items) | own_question_problems(link.review)
    ready = submit_form.check_for_submission()
    if not problems and ready:
        try:
            questionnaire_submit(
                link=link,
                name=submit_form.cleaned_data["name"],
                role=submit_form.cleaned_data["role"],
            )
        except SubmissionIncomplete as exc:
            problems = exc.problems
        else:
            log_access(request, link, AccessAction.SUBMITTED)
            return _protect(redirect("questionnaire_done", token=token))
    # Saved, but not ready to submit: show what is missing beside each answer.
    missing = f"{len(problems)} answers incomplete" if problems else "name, role or confirmation"
    log_access(request, link, AccessAction.INCOMPLETE, missing)
    link.review.refresh_from_db()
    item_forms = _forms(link, items, request.POST)
    for form in item_forms:
        form.is_valid()
        for field, message in problems.get(form.entry.key, {}).items():
            form.add_error(field, message)
    own_form = OwnQuestionsForm(request.POST, questions=review_questions(link.review))
    own_form.is_valid()
    for field, message in problems.get("own", {}).items():
        own_form.add_error(field, message)
    return _page(
        request,
        link,
        token,
        item_forms,
        submit_form,
        status=400,
        saved_before_problem=True,
        own_form=own_form,
    )


@token_view
@in_questionnaire_language
def questionnaire_done(
    request: HttpRequest, token: str, link: QuestionnaireLink | None
) -> HttpResponse:
    """After submitting: a thank-you page while the link lasts."""
    refusal = _refusal(link)
    if refusal is None:  # not submitted yet
        return _protect(redirect("questionnaire", token=token))
    if refusal not in ("submitted", "accepted"):
        return _refused(request, link, refusal)
    if request.method not in ("GET", "HEAD"):
        return _not_allowed(request, link, ["GET", "HEAD"])
    log_access(request, link, AccessAction.VIEWED, "confirmation of submission")
    context = {"provider": link.organisation.name, "review": link.review}
    response = render(request, "subcontractors/questionnaire/done.html", context)
    return _protect(response)


@token_view
@in_questionnaire_language
def questionnaire_document(
    request: HttpRequest, token: str, document_code: UUID, link: QuestionnaireLink | None
) -> HttpResponse:
    """A document the subcontractor uploaded to this questionnaire, and only those."""
    link, refused = _open_link(request, link)
    if refused:
        return refused
    if request.method not in ("GET", "HEAD"):
        return _not_allowed(request, link, ["GET", "HEAD"])
    with tenant_scope(link.organisation_id):
        document = SubcontractorDocument.objects.filter(
            review_id=link.review_id,
            review_item__isnull=False,
            archived_at=None,
            code=document_code,
        ).first()
        if document is None:
            log_access(request, link, AccessAction.REFUSED, "document not in this questionnaire")
            return _problem(request, "no_document", link)
        try:
            response = file_response(document)
        except Http404:
            return _problem(request, "no_document", link)
        log_access(request, link, AccessAction.DOWNLOADED, document.original_filename)
        return _protect(response)
