"""The lead provider's own questions for its subcontractors: list, add, change and retire."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from core.forms import add_service_errors
from subcontractors.forms import LeadQuestionForm
from subcontractors.models import MAX_OWN_QUESTIONS, LeadQuestion
from subcontractors.services import (
    lead_question_create,
    lead_question_retire,
    lead_question_update,
)
from subcontractors.views.common import page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def get_question(code: UUID) -> LeadQuestion:
    return get_object_or_404(LeadQuestion.objects.filter(retired_at=None), code=code)


def _list_page(request, access: OrgAccess, form: LeadQuestionForm, status: int = 200):
    questions = LeadQuestion.objects.filter(retired_at=None).order_by("position", "created_at")
    context = page_context(access, questions=questions, form=form, max_questions=MAX_OWN_QUESTIONS)
    return render(request, "subcontractors/own_questions.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def own_question_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The questions asked after the checklist, and a form to add one."""
    form = LeadQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lead_question_create(
                organisation=access.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("Question added. Reviews you start from now on ask it.")
            )
            return redirect("subcontractors:own_questions", org_slug=access.organisation.slug)
    return _list_page(request, access, form, status=400 if form.errors else 200)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def own_question_edit(request: HttpRequest, access: OrgAccess, question_code: UUID) -> HttpResponse:
    question = get_question(question_code)
    if request.method == "POST":
        form = LeadQuestionForm(request.POST)
        if form.is_valid():
            try:
                lead_question_update(question=question, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("Question changed. Reviews already started keep the old wording."),
                )
                return redirect("subcontractors:own_questions", org_slug=access.organisation.slug)
    else:
        form = LeadQuestionForm(initial=LeadQuestionForm.initial_for(question))
    context = page_context(access, question=question, form=form)
    status = 400 if form.errors else 200
    return render(request, "subcontractors/own_question_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def own_question_retire(
    request: HttpRequest, access: OrgAccess, question_code: UUID
) -> HttpResponse:
    question = lead_question_retire(question=get_question(question_code), by=request.user)
    messages.success(
        request,
        gettext("“%(question)s” is no longer asked. Answers already given are kept.")
        % {"question": question.text},
    )
    return redirect("subcontractors:own_questions", org_slug=access.organisation.slug)
