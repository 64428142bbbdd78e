"""A demo spreadsheet import waiting for confirmation at each provider.

Northfield's quality manager has uploaded this term's HR export and not yet confirmed it: the
mapping and preview pages show how columns are guessed and how a row with a problem is reported
(one job title the matrix does not know). Riverside's export of new starters is clean. Each
expires like any other import (`ImportBatch.LIFETIME`); seeding again makes a new one.
"""

import csv
import io

from demo.helpers import person
from tenancy.models import Organisation
from tenancy.scope import tenant_scope
from training.import_apply import import_batch_create, import_batch_purge
from training.import_models import ImportBatch, ImportKind, ImportStatus

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
    lines = []
    for slug, (filename, rows) in FILES.items():
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            import_batch_purge(organisation=organisation)
            if ImportBatch.objects.filter(status=ImportStatus.PENDING).exists():
                continue
            import_batch_create(
                organisation=organisation,
                kind=ImportKind.STAFF,
                filename=filename,
                content=_csv(rows),
                by=person(organisation, "qm"),
            )
        lines.append(f"{organisation.name}: a staff import waiting for confirmation")
    return lines
