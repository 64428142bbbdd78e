import tempfile
from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone

from assessments.access import get_assessment
from reporting.exports import assessment_workbook
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@org_view(Perm.VIEW_CONTENT)
def assessment_xlsx(request: HttpRequest, access: OrgAccess, assessment_code: UUID) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    # On disk, not in memory: the response streams it and closes (deletes) it when sent.
    target = tempfile.TemporaryFile()  # noqa: SIM115
    assessment_workbook(assessment, target)
    target.seek(0)
    filename = f"self-evaluation-{access.organisation.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(target, as_attachment=True, filename=filename, content_type=XLSX)
