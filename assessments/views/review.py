"""The review panel (judgement checks shown to the approver, single-benchmark comments), resolving
those comments, and reopening an approved self-evaluation as a new revision."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from assessments.access import get_assessment
from assessments.checks import check_groups, judgement_checks
from assessments.comments import benchmark_comment_resolve
from assessments.forms import ReopenForm, ReviewForm
from assessments.models import Assessment, BenchmarkComment, Response, Status
from assessments.revisions import assessment_reopen, later_revision
from assessments.selectors import response_list
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


def response_url(assessment: Assessment, response: Response) -> str:
    """A benchmark's card on the respond page."""
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    return f"{url}?criterion={response.benchmark.criterion.code}#response-{response.code}"


def _submitted_context(access: OrgAccess, assessment: Assessment, form) -> dict[str, Any]:
    responses = list(response_list(assessment=assessment))
    findings = [f for f in judgement_checks(assessment, responses) if not f.blocking]
    can_review = access.can(Perm.APPROVE_ASSESSMENTS)
    urls = {r.code: response_url(assessment, r) for r in responses}
    return {
        "can_review": can_review,
        "review_form": (form or ReviewForm(responses=responses)) if can_review else None,
        "check_groups": check_groups(findings, urls),
        "check_count": len(findings),
        "benchmark_count": len(responses),
    }


def _returned_comments(assessment: Assessment) -> list[dict[str, Any]]:
    """The last return's comments on single benchmarks, each linked to its card."""
    last = assessment.events.filter(action="returned").order_by("-created_at").first()
    if last is None:
        return []
    rows = last.benchmark_comments.select_related("response__benchmark__criterion", "resolved_by")
    return [{"comment": c, "url": response_url(assessment, c.response)} for c in rows]


def review_context(access: OrgAccess, assessment: Assessment, form) -> dict[str, Any]:
    """What the detail page's review, returned and signed-off panels show."""
    context: dict[str, Any] = {"can_review": False, "review_form": None, "revision_of": None}
    if assessment.reopened_from_id:
        context["revision_of"] = Assessment.objects.defer("snapshot").get(
            pk=assessment.reopened_from_id
        )
    if assessment.status == Status.SUBMITTED:
        context.update(_submitted_context(access, assessment, form))
    elif assessment.status == Status.RETURNED:
        context["returned_comments"] = _returned_comments(assessment)
    elif assessment.status == Status.APPROVED:
        later = later_revision(assessment)
        context["later_revision"] = later
        if later is None and access.can(Perm.REOPEN_ASSESSMENTS):
            context["reopen_form"] = ReopenForm()
    return context


@org_view(Perm.REOPEN_ASSESSMENTS, methods=("GET", "POST"))
def assessment_reopen_view(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    """Confirm and reopen: the approved revision stays as signed off; the new one is a draft."""
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    posted = request.method == "POST"
    form = ReopenForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            revision = assessment_reopen(
                assessment=assessment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Reopened as revision %(new)s, starting from the approved answers. "
                    "Revision %(old)s stays as signed off."
                )
                % {"new": revision.revision, "old": assessment.revision},
            )
            return redirect(revision)
    context = {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "form": form,
        "later_revision": later_revision(assessment),
    }
    return render(request, "assessments/reopen.html", context, status=400 if form.errors else 200)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def benchmark_comment_resolve_view(
    request: HttpRequest, access: OrgAccess, comment_code: UUID
) -> HttpResponse:
    comment = get_object_or_404(
        BenchmarkComment.objects.select_related(
            "assessment__organisation", "response__benchmark__criterion"
        ),
        code=comment_code,
    )
    try:
        benchmark_comment_resolve(comment=comment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            gettext("The comment on %(code)s is resolved.")
            % {"code": comment.response.benchmark.code},
        )
    return redirect(response_url(comment.assessment, comment.response))
