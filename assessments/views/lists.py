from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from assessments.forms import StartAssessmentForm
from assessments.selectors import assessment_list
from assessments.services import assessment_start
from core.forms import add_service_errors
from frameworks.selectors import framework_version_list_for_organisation
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def assessment_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    context = {
        "access": access,
        "organisation": access.organisation,
        "assessments": assessment_list(organisation=access.organisation),
        "can_start": access.can(Perm.MANAGE_COMPLIANCE_WORK),
    }
    return render(request, "assessments/index.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def assessment_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    versions = framework_version_list_for_organisation(organisation=organisation)
    newest = versions.first()
    form = StartAssessmentForm(
        request.POST or None,
        organisation=organisation,
        versions=versions,
        initial={"lead": request.user.pk, "framework_version": newest},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_start(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("“%(title)s” has started.") % {"title": assessment.title}
            )
            return redirect(assessment)
    context = {
        "access": access,
        "organisation": organisation,
        "form": form,
        "has_frameworks": newest is not None,
    }
    return render(request, "assessments/new.html", context, status=400 if form.errors else 200)
