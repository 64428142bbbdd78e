from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from subcontractors.authority import AuthorityForm, subcontractor_authority_record
from subcontractors.models import ReviewItem, Subcontractor
from subcontractors.views.common import get_subcontractor, page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def subcontractor_authority(
    request: HttpRequest, access: OrgAccess, subcontractor_code: UUID
) -> HttpResponse:
    """Record whether the subcontractor is a specified authority, with its basis."""
    subcontractor = get_subcontractor(subcontractor_code)
    status = 200
    if request.method == "POST":
        form = AuthorityForm(request.POST)
        if form.is_valid():
            try:
                subcontractor_authority_record(
                    subcontractor=subcontractor,
                    today=timezone.localdate(),
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("%(name)s's status is recorded.") % {"name": subcontractor.name},
                )
                return redirect(subcontractor)
        status = 400
    else:
        form = AuthorityForm(initial=_initial(request, subcontractor))
    context = page_context(access, subcontractor=subcontractor, form=form)
    return render(request, "subcontractors/authority_form.html", context, status=status)


def _initial(request: HttpRequest, subcontractor: Subcontractor) -> dict:
    """The register's status, or the declaration of one of its submitted reviews
    (`?from_review=<code>`, from the review page)."""
    item = declaration_in_review(subcontractor, request.GET.get("from_review", ""))
    if item is None:
        return AuthorityForm.initial_for(subcontractor)
    return AuthorityForm.initial_from_declaration(
        item, timezone.localdate(item.review.submitted_at)
    )


def declaration_in_review(subcontractor: Subcontractor, review_code: str) -> ReviewItem | None:
    try:
        code = UUID(review_code)
    except ValueError:
        return None
    return (
        ReviewItem.objects.filter(
            review__subcontractor=subcontractor,
            review__code=code,
            review__submitted_at__isnull=False,
            key="funding_all_leads",
        )
        .exclude(declared_authority="")
        .select_related("review")
        .first()
    )
