"""Demo spreadsheet imports waiting for confirmation at each provider.

Northfield's quality manager has uploaded this term's HR export and not yet confirmed it: the
mapping and preview pages show how columns are guessed and how a row with a problem is reported
(one job title the matrix does not know). Riverside's export of new starters is clean.

Each provider also has last year's action plan uploaded: Northfield's has one owner who is not
a member, so its preview shows a row's error; Riverside's is clean and ready to confirm.

Both go through the shared import component (`imports`, an `ImportJob` per upload) and expire
like any other import (`ImportJob.LIFETIME`); seeding again makes new ones.
"""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from demo.helpers import person
from imports.models import ImportJob
from imports.models import ImportStatus as JobStatus
from imports.registry import get_importer
from imports.services import import_job_create, import_job_purge
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

HR_EXPORT = [
    ["Employee No", "Forename", "Surname", "Job Title", "Campus", "Start Date", "Work Email"],
    ["NT1001", "Priya", "Shah", "Quality Manager and DSL", "Head office", "04/09/2017", ""],
    ["NT1002", "Daniel", "Okafor", "Managing Director", "Head office", "01/02/2015", ""],
    ["NT1014", "Megan", "Lewis", "Skills Coach", "Leeds centre", "12/06/2023", ""],
    ["NT1021", "Harriet", "Cole", "Assessor", "Leeds centre", "06/01/2025", ""],
    ["NT1022", "Joseph", "Nwosu", "Apprenticeship Tutor", "Bradford centre", "03/03/2025", ""],
    ["NT1030", "Lena", "Marsh", "Receptionist", "Head office", "15/09/2025", ""],
    ["NT1031", "Omar", "Haddad", "Facilities Operative", "Bradford centre", "15/09/2025", ""],
]

NEW_STARTERS = [
    ["Staff ID", "Name", "Role", "Site", "Start date", "Email"],
    ["R-2201", "Chloe Adams", "Lecturer", "City campus", "2025-09-01", ""],
    ["R-2202", "Imran Patel", "Learner Support", "City campus", "2025-09-01", ""],
    ["R-2203", "Grace Morgan", "Governor", "", "2025-10-14", ""],
]
FILES = {
    "northfield-training": ("HR export - staff.csv", HR_EXPORT),
    "riverside-college": ("New starters autumn term.csv", NEW_STARTERS),
}


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def seed_imports() -> list[str]:
    importer = get_importer("staff")
    assert importer is not None
    lines = []
    for slug, (filename, rows) in FILES.items():
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            import_job_purge(organisation=organisation)
            if ImportJob.objects.filter(status=JobStatus.PENDING, kind="staff").exists():
                continue
            import_job_create(
                organisation=organisation,
                importer=importer,
                filename=filename,
                content=_csv(rows),
                by=person(organisation, "qm"),
            )
        lines.append(f"{organisation.name}: a staff import waiting for confirmation")
    return lines


def _action_plan(organisation: Organisation, *, with_error: bool) -> list[list[str]]:
    today = timezone.localdate()

    def due(days: int) -> str:
        return (today + timedelta(days=days)).strftime("%d/%m/%Y")

    qm = person(organisation, "qm").email
    rows = [
        ["Ref", "Action", "Lead", "Deadline", "Priority", "Notes"],
        [
            "AP-01",
            "Refresh the Prevent risk assessment with the local authority",
            qm,
            due(45),
            "High",
            "Use the DfE 2023 template.",
        ],
        ["AP-02", "Add Prevent to the induction of new subcontractors", qm, due(90), "Medium", ""],
        ["AP-03", "Termly British values learning walk", qm, due(120), "Low", ""],
    ]
    if with_error:
        rows.append(
            [
                "AP-04",
                "Brief governors on the Channel process",
                "a.governor@example.org",
                due(60),
                "Medium",
                "",
            ]
        )
    return rows


def seed_import_jobs() -> list[str]:
    importer = get_importer("actions")
    assert importer is not None
    lines = []
    for index, slug in enumerate(FILES):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            import_job_purge(organisation=organisation)
            if ImportJob.objects.filter(status=JobStatus.PENDING, kind="actions").exists():
                continue
            import_job_create(
                organisation=organisation,
                importer=importer,
                filename="Prevent action plan.csv",
                content=_csv(_action_plan(organisation, with_error=index == 0)),
                by=person(organisation, "qm"),
            )
        lines.append(f"{organisation.name}: an action plan import waiting for confirmation")
    return lines
