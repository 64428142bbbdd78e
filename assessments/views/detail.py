from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from assessments.access import get_assessment
from assessments.checks import judgement_checks
from assessments.forms import AssignForm, ReviewForm, SubmitForm
from assessments.guard import response_places
from assessments.models import Response, Status
from assessments.selectors import answered, assignment_map, response_list
from assessments.services import (
    assessment_approve,
    assessment_return,
    assessment_submit,
    assignment_set,
)
from assessments.summary import build_summary
from assessments.summary_html import gap_rows, heatmap_rows
from assessments.views.review import review_context
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.personal_data import confirmed_keys, form_places, personal_data_check, show_in_form
from tenancy.roles import Perm
from tenancy.selectors import assignable_members


def _criteria_rows(assessment):
    counts = {
        row["benchmark__criterion_id"]: row
        for row in Response.objects.filter(assessment=assessment)
        .values("benchmark__criterion_id")
        .annotate(total=Count("pk"), answered=Count("pk", filter=answered()))
    }
    assignments = assignment_map(assessment=assessment)
    return [
        {
            "criterion": criterion,
            "total": counts.get(criterion.pk, {}).get("total", 0),
            "answered": counts.get(criterion.pk, {}).get("answered", 0),
            "assignment": assignments.get(criterion.pk),
        }
        for criterion in assessment.framework_version.criteria.all()
    ]


@org_view(Perm.VIEW_ORGANISATION)
def assessment_detail(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    return _detail_page(
        request, access, get_assessment(assessment_code, organisation=access.organisation)
    )


def _detail_page(request, access, assessment, review_form=None, status=200) -> HttpResponse:
    rows = _criteria_rows(assessment)
    events = list(assessment.events.select_related("by"))
    can_manage = access.can(Perm.MANAGE_COMPLIANCE_WORK) and assessment.is_editable
    context = {
        **review_context(access, assessment, review_form),
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "criteria_rows": rows,
        "answered": sum(row["answered"] for row in rows),
        "total": sum(row["total"] for row in rows),
        "events": events,
        "last_event": events[-1] if events else None,
        "can_manage": can_manage,
        "assign_form": AssignForm(organisation=access.organisation) if can_manage else None,
        "members": list(assignable_members(organisation=access.organisation)) if can_manage else [],
    }
    return render(request, "assessments/detail.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def assessment_assign(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    form = AssignForm(request.POST, organisation=access.organisation)
    criterion = None
    if form.is_valid():
        criterion = assessment.framework_version.criteria.filter(
            code=form.cleaned_data["criterion"]
        ).first()
    if criterion is None:
        # A refused person says why (only members who can take on work may be given it).
        problem = list(form.errors.get("assignee", [])) or [
            "Choose a criterion and a member to assign."
        ]
        messages.error(request, " ".join(str(message) for message in problem))
        return redirect(assessment)
    assignee = form.cleaned_data["assignee"]
    try:
        assignment_set(
            assessment=assessment, criterion=criterion, assignee=assignee, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        who = assignee.display_name if assignee else gettext("nobody")
        messages.success(
            request,
            gettext("%(code)s is now assigned to %(name)s.")
            % {"code": criterion.code, "name": who},
        )
    return redirect(assessment)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def assessment_submit_view(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    """Check and submit: blocked while a judgement is missing or while any narrative (or the
    note for the reviewer) holds text that looks like personal data nobody has confirmed."""
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    responses = list(response_list(assessment=assessment))
    findings = judgement_checks(assessment, responses)
    blocking = [f for f in findings if f.blocking]
    posted = request.method == "POST"
    form = SubmitForm(request.POST if posted else None)
    places = response_places(assessment, responses)
    if posted and form.is_valid():
        places += form_places(form, ("comment",))
    personal = personal_data_check(
        organisation=access.organisation,
        places=places,
        confirm=confirmed_keys(request.POST) if posted else (),
        by=request.user,
    )
    if posted and "confirm_only" in request.POST:
        return redirect(
            "assessments:submit", org_slug=access.organisation.slug, assessment_code=assessment.code
        )
    show_in_form(form, personal)
    status = 200
    if posted and form.is_valid() and not personal:
        try:
            assessment_submit(
                assessment=assessment, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, gettext("Submitted for review. Senior leaders can now approve it.")
            )
            return redirect(assessment)
    if form.errors or (posted and personal):
        status = 400
    context = {
        "form": form,
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "findings": [f for f in findings if not f.blocking],
        "blocking": blocking,
        "personal_data": [p for p in personal if p.place.field != "comment"],
        "response_criteria": {r.code: r.benchmark.criterion.code for r in responses},
    }
    return render(request, "assessments/submit.html", context, status=status)


@org_view(Perm.APPROVE_ASSESSMENTS, methods=("POST",))
def assessment_review(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    form = ReviewForm(request.POST, responses=list(response_list(assessment=assessment)))
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == "approve":
                assessment_approve(
                    assessment=assessment,
                    by=request.user,
                    comment=comment,
                    checks_acknowledged=form.cleaned_data["acknowledge"],
                )
                messages.success(
                    request,
                    gettext("Approved and signed off. The self-evaluation is now read-only."),
                )
            else:
                assessment_return(
                    assessment=assessment,
                    by=request.user,
                    comment=comment,
                    benchmark_comments=form.benchmark_comments(),
                )
                messages.success(
                    request, gettext("Returned to the quality manager with your comments.")
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if assessment.status != Status.SUBMITTED:
                # The review form (and its errors) is shown only while the assessment awaits
                # review; when another leader decided first, say so above the page instead.
                messages.error(request, " ".join(exc.messages))
        else:
            return redirect(assessment)
    return _detail_page(request, access, assessment, review_form=form, status=400)


@org_view(Perm.VIEW_CONTENT)
def assessment_summary(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    summary = build_summary(assessment)
    respond_url = reverse(
        "assessments:respond",
        kwargs={"org_slug": access.organisation.slug, "assessment_code": assessment.code},
    )
    context = {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "summary": summary,
        "heatmap_rows": heatmap_rows(summary["rows"], respond_url=respond_url),
        "gap_rows": gap_rows(summary["gaps"]),
    }
    return render(request, "assessments/summary.html", context)
