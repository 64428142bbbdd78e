from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from assessments.access import get_assessment
from reporting.exports import assessment_workbook
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@org_view(Perm.VIEW_ORGANISATION)
def assessment_xlsx(request: HttpRequest, access: OrgAccess, assessment_code: UUID) -> HttpResponse:
    assessment = get_assessment(assessment_code)
    response = HttpResponse(assessment_workbook(assessment), content_type=XLSX)
    filename = f"self-evaluation-{access.organisation.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
