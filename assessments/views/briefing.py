"""The inspection briefing page: the provider's self-judgement for each report-card area, with
the benchmarks and evidence behind it. Anyone in the organisation reads it; whoever manages the
compliance work records the judgements while the self-evaluation is open."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.access import get_assessment
from assessments.briefing import briefing_areas, judgements_as_data
from assessments.models import Assessment
from assessments.restricted import without_restricted
from assessments.services import assessment_snapshot, self_judgement_save
from core.forms import add_service_errors
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


class SelfJudgementForm(forms.Form):
    grade = forms.ChoiceField(required=False, widget=forms.RadioSelect, label=_("Our judgement"))
    reasons = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Why: what it rests on"),
        max_length=4000,
    )

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", "Not judged yet"), *choices]


def _context(access: OrgAccess, assessment: Assessment, data=None) -> dict:
    version = assessment.framework_version
    snapshot = assessment.snapshot if assessment.snapshot else assessment_snapshot(assessment)
    snapshot = without_restricted(snapshot, access.organisation)
    judgements = snapshot.get("self_judgements") or judgements_as_data(assessment)
    areas = briefing_areas(version, snapshot, judgements)
    editable = assessment.is_editable and access.can(Perm.MANAGE_COMPLIANCE_WORK)
    for entry in areas:
        entry["form"] = (
            SelfJudgementForm(
                data,
                prefix=entry["area"]["key"],
                choices=entry["choices"],
                initial={"grade": entry["grade"], "reasons": entry["reasons"]},
            )
            if editable
            else None
        )
    return {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "areas": areas,
        "editable": editable,
    }


@org_view(Perm.VIEW_CONTENT)
def assessment_briefing(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    context = _context(access, get_assessment(assessment_code, organisation=access.organisation))
    return render(request, "assessments/briefing.html", context)


def _save_all(assessment: Assessment, areas: list[dict], by) -> bool:
    """Save every area's judgement, or none: errors go beside the area's fields."""
    ok = True
    with transaction.atomic():
        for entry in areas:
            form = entry["form"]
            try:
                self_judgement_save(
                    assessment=assessment,
                    area_key=entry["area"]["key"],
                    grade=form.cleaned_data["grade"],
                    reasons=form.cleaned_data["reasons"],
                    by=by,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                ok = False
        if not ok:
            transaction.set_rollback(True)
    return ok


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def assessment_briefing_save(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    back = redirect("assessments:briefing", access.organisation.slug, assessment.code)
    if not assessment.is_editable:
        messages.error(
            request, gettext("This self-evaluation can no longer be changed; nothing was saved.")
        )
        return back
    context = _context(access, assessment, data=request.POST)
    valid = all([entry["form"].is_valid() for entry in context["areas"]])
    if valid and _save_all(assessment, context["areas"], request.user):
        messages.success(request, gettext("The inspection briefing is saved."))
        return back
    return render(request, "assessments/briefing.html", context, status=400)
