"""The annual filtering and monitoring review: the list, recording one, and a senior leader's
sign-off."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from core.forms import add_service_errors
from filtering.forms import ReviewForm
from filtering.selectors import review_history, review_list
from filtering.services import ReviewEntry, filtering_review_record, filtering_review_sign_off
from filtering.views.common import get_review, page_context
from registers.base import a_year_after
from registers.views.common import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def review_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    page, query = paginate(request, review_list(organisation=access.organisation))
    return render(request, "filtering/reviews.html", page_context(access, page=page, query=query))


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def review_create(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = ReviewForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                review = filtering_review_record(
                    organisation=organisation,
                    by=request.user,
                    entry=ReviewEntry(**form.cleaned_data),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, gettext("The review is recorded; a senior leader signs it off.")
                )
                return redirect(review)
        context = page_context(access, form=form)
        return render(request, "filtering/review_form.html", context, status=400)
    today = timezone.localdate()
    initial = {"reviewed_on": today, "next_review_date": a_year_after(today)}
    form = ReviewForm(organisation=organisation, initial=initial)
    return render(request, "filtering/review_form.html", page_context(access, form=form))


def _detail(request, access, review, error: str = "", status=200) -> HttpResponse:
    context = page_context(
        access, review=review, history=review_history(review=review), sign_off_error=error
    )
    return render(request, "filtering/review_detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def review_detail(
    request: HttpRequest, access: OrgAccess, filtering_review_code: UUID
) -> HttpResponse:
    return _detail(request, access, get_review(filtering_review_code))


@org_view(Perm.SIGN_OFF_FILTERING_REVIEWS, methods=("POST",))
def review_sign_off(
    request: HttpRequest, access: OrgAccess, filtering_review_code: UUID
) -> HttpResponse:
    review = get_review(filtering_review_code)
    try:
        filtering_review_sign_off(review=review, by=request.user)
    except ValidationError as exc:
        return _detail(request, access, review, error=" ".join(exc.messages), status=400)
    messages.success(request, gettext("You have signed off the review."))
    return redirect(review)
