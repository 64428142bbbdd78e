"""The staff and completions import on the shared import's pages: upload, mapping, preview with
errors per row, confirm; and the training matrix's old import address."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from imports.models import ImportJob, ImportStatus
from tests.training.import_helpers import (
    STAFF_HEADER,
    csv_bytes,
    job_urls,
    latest_job,
    mapping_post,
    staff_rows,
    upload,
    upload_and_map,
    xlsx_bytes,
)
from training.models import Completion, Course, RoleGroup, StaffMember

pytestmark = pytest.mark.django_db


def test_guessed_mapping_then_errors_per_row_and_nothing_saved(org, qm, client_for):
    client = client_for(qm)
    rows = staff_rows(2)
    rows[1][3] = "Chef"
    rows[1][5] = "31/02/2024"
    batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, rows, title_rows=2))
    assert batch.header_row == 3
    assert batch.mapping["staff_number"] == 0 and batch.mapping["first_name"] == 1
    assert batch.mapping["role_group"] == 3 and batch.mapping["start_date"] == 5
    response = client.get(urls["preview"])
    text = response.content.decode()
    assert response.status_code == 200
    assert "Row 5, Role group (column “Job Title”): “Chef” is not a role group" in text
    assert "Row 5, Start date (column “Start Date”): “31/02/2024” is not a date" in text
    assert "Confirm the import" not in text
    assert not StaffMember.unscoped.exists()
    assert client.post(urls["confirm"]).status_code == 400  # a preview with errors never applies
    assert not StaffMember.unscoped.exists()


def test_confirm_applies_and_reimport_updates_rather_than_duplicates(org, qm, client_for):
    client = client_for(qm)
    batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(3)))
    assert "3</span> new" in client.get(urls["preview"]).content.decode()
    assert client.post(urls["confirm"]).status_code == 302
    staff = StaffMember.unscoped.filter(organisation=org).order_by("staff_number")
    assert next((s.staff_number, s.name, s.role_group) for s in staff) == (
        "E00001",
        "Person1 Smith",
        RoleGroup.TUTORS,
    )
    assert staff[0].start_date == date(2024, 9, 1) and staff[0].created_by == qm
    assert staff[0].history.count() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.rows == []  # the copy is dropped
    assert batch.summary == {"create": 3, "update": 0, "unchanged": 0}

    rows = staff_rows(3)
    rows[0][3] = "Board member"
    rows.append(["E00009", "New", "Starter", "Assessor", "", "2025-01-06", ""])
    _again, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, rows))
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 1, "update": 1, "unchanged": 2, "error": 0}
    assert "role group: Tutors and assessors → Board and governors" in preview.content.decode()
    assert client.post(urls["confirm"]).status_code == 302
    assert StaffMember.unscoped.filter(organisation=org).count() == 4
    assert StaffMember.unscoped.get(staff_number="E00001").role_group == RoleGroup.BOARD


def test_a_double_confirm_applies_once_and_never_fails(org, qm, client_for):
    client = client_for(qm)
    _batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(2)))
    assert client.post(urls["confirm"]).status_code == 302
    second = client.post(urls["confirm"], follow=True)
    assert second.status_code == 200
    assert "already been imported" in second.content.decode()
    assert StaffMember.unscoped.filter(organisation=org).count() == 2


def test_an_expired_job_is_refused_and_purged_at_the_next_upload(org, qm, client_for):
    client = client_for(qm)
    batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(1)))
    old = timezone.now() - ImportJob.LIFETIME - timedelta(minutes=1)
    ImportJob.unscoped.filter(pk=batch.pk).update(created_at=old)
    response = client.post(urls["confirm"], follow=True)
    assert "expired" in response.content.decode()
    assert not StaffMember.unscoped.exists()
    upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(1)))
    assert not ImportJob.unscoped.filter(pk=batch.pk).exists()


def test_the_mapping_can_be_changed_and_is_checked(org, qm, client_for):
    client = client_for(qm)
    response = upload(client, org, csv_bytes(STAFF_HEADER, staff_rows(1)))
    batch = latest_job(org)
    urls = job_urls(org, batch)
    page = client.get(urls["mapping"]).content.decode()
    assert "Column A: Employee No" in page and "E00001" in page
    bad = client.post(urls["mapping"], mapping_post(batch, start_date="", site=0))
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "Choose the column that holds the start date." in text
    assert "That column is already chosen for Staff number." in text
    assert response.status_code == 302


def test_xlsx_with_real_dates_and_a_leaving_date(org, qm, client_for):
    client = client_for(qm)
    header = ["Name", "Role", "Start date", "Leaving date"]
    rows = [["Ada Lovelace", "DSL", date(2023, 1, 9), date(2026, 7, 31)]]
    content = xlsx_bytes(header, rows)
    _batch, urls = upload_and_map(client, org, content, name="hr.xlsx")
    assert client.post(urls["confirm"]).status_code == 302
    person = StaffMember.unscoped.get(organisation=org)
    assert (person.role_group, person.start_date) == (RoleGroup.DSL, date(2023, 1, 9))
    assert person.leaving_date == date(2026, 7, 31)


def test_a_file_that_is_not_a_spreadsheet_is_refused(org, qm, client_for):
    client = client_for(qm)
    response = upload(client, org, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="staff.csv")
    assert response.status_code == 400
    assert "not UTF-8 text" in response.content.decode() or "PNG" in response.content.decode()
    pdf = upload(client, org, b"%PDF-1.4\n%%EOF\n", name="staff.pdf")
    assert pdf.status_code == 400 and "save the list as an Excel workbook" in pdf.content.decode()
    assert not ImportJob.unscoped.exists()


def test_nul_characters_and_an_empty_file_never_fail(org, qm, client_for):
    client = client_for(qm)
    response = upload(client, org, b"Name,Role\n")
    assert response.status_code == 400 and "no rows under it" in response.content.decode()
    content = "Name,Role,Start date\nA\u0000B,Tutor,01/09/2024\n".encode()
    assert upload(client, org, content).status_code in (302, 400)


def _course(org, title="Prevent awareness"):
    return Course.unscoped.create(organisation=org, title=title, role_groups=[RoleGroup.TUTORS])


def test_completions_match_staff_and_courses_and_reimport_updates(org, qm, client_for):
    client = client_for(qm)
    upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(2)))
    client.post(job_urls(org, latest_job(org))["confirm"])
    _course(org)
    header = ["Employee ID", "Course Title", "Date Completed", "Score"]
    rows = [
        ["E00001", "prevent  AWARENESS", "15/10/2025", "80%"],
        ["E00002", "Prevent awarness", "15/10/2025", ""],
        ["E00404", "Prevent awareness", "15/10/2025", ""],
    ]
    _batch, urls = upload_and_map(client, org, csv_bytes(header, rows), kind="completions")
    text = client.get(urls["preview"]).content.decode()
    assert "“Prevent awarness” is not a course in the catalogue." in text
    assert "Did you mean “Prevent awareness”?" in text
    _course(org, "Channel awareness (Home Office e-learning)")
    header_only = [["E00001", "Channel awareness", "15/10/2025", ""]]
    _batch, urls = upload_and_map(client, org, csv_bytes(header, header_only), kind="completions")
    hint = client.get(urls["preview"]).content.decode()
    assert "Did you mean “Channel awareness (Home Office e-learning)”?" in hint
    assert "No member of staff has staff number “E00404”. Import the staff first." in text
    assert not Completion.unscoped.exists()

    rows = [*rows[:1], ["E00002", "Prevent awareness", "2025-10-15", ""]]
    _batch, urls = upload_and_map(client, org, csv_bytes(header, rows), kind="completions")
    assert client.post(urls["confirm"]).status_code == 302
    assert Completion.unscoped.filter(organisation=org).count() == 2
    rows[0][3] = "95"
    _batch, urls = upload_and_map(client, org, csv_bytes(header, rows), kind="completions")
    counts = client.get(urls["preview"]).context["counts"]
    assert counts == {"create": 0, "update": 1, "unchanged": 1, "error": 0}
    client.post(urls["confirm"])
    assert Completion.unscoped.filter(organisation=org).count() == 2
    assert Completion.unscoped.get(staff__staff_number="E00001").score == 95


def test_another_organisations_job_is_not_found(org, other_org, qm, client_for):
    from tests.conftest import member_of

    batch, _urls = upload_and_map(client_for(qm), org, csv_bytes(STAFF_HEADER, staff_rows(1)))
    stranger = member_of(other_org, "quality_manager")
    client = client_for(stranger)
    theirs = reverse("imports:preview", kwargs={"org_slug": other_org.slug, "job_code": batch.code})
    assert client.get(theirs).status_code == 404
    assert client.post(theirs.replace("preview", "confirm")).status_code == 404


def test_five_thousand_rows_are_previewed_a_page_at_a_time_and_more_are_refused(
    org, qm, client_for
):
    client = client_for(qm)
    _batch, urls = upload_and_map(client, org, csv_bytes(STAFF_HEADER, staff_rows(5000)))
    response = client.get(urls["preview"] + "?show=create&page=100")
    assert response.context["counts"]["create"] == 5000
    assert len(response.context["page"].object_list) == 50
    assert "Showing 4,951 to 5,000 of 5,000 rows" in response.content.decode()
    over = upload(client, org, csv_bytes(STAFF_HEADER, staff_rows(5001)))
    assert over.status_code == 400
    assert "The file has 5,001 rows; up to 5,000 can be imported at once." in over.content.decode()


def test_the_preview_waits_until_every_required_column_is_chosen(org, qm, client_for):
    client = client_for(qm)
    upload(client, org, csv_bytes(["Name", "Started"], [["Ada Lovelace", "01/09/2024"]]))
    batch = latest_job(org)
    assert batch.mapping["role_group"] is None  # nothing looks like a role
    urls = job_urls(org, batch)
    response = client.get(urls["preview"])
    assert response.status_code == 302 and response["Location"] == urls["mapping"]


def test_the_old_address_sends_people_to_the_shared_import(org, qm, client_for):
    old = reverse("training_import:start", kwargs={"org_slug": org.slug})
    start = reverse("imports:start", kwargs={"org_slug": org.slug})
    client = client_for(qm)
    assert client.get(old)["Location"] == start + "?kind=staff"
    assert client.get(old + "?kind=completions")["Location"] == start + "?kind=completions"
    page = client.get(start + "?kind=completions")
    assert page.context["form"]["kind"].value() == "completions"
    assert "up to 5,000 rows" in page.content.decode()


def test_completions_by_email_or_name_and_duplicates(org, qm, client_for):
    client = client_for(qm)
    header = ["Name", "Email", "Role", "Start date"]
    staff = [
        ["Ada Lovelace", "ada@ex.org", "Tutor", "01/09/2024"],
        ["Sam Jones", "", "Tutor", "01/09/2024"],
        ["Sam Jones", "", "Assessor", "02/09/2024"],
    ]
    _job, urls = upload_and_map(client, org, csv_bytes(header, staff))
    assert client.post(urls["confirm"]).status_code == 302
    _course(org)
    header = ["Forename", "Surname", "Email", "Course", "Date completed", "Score"]
    rows = [
        ["", "", "ADA@ex.org", "Prevent awareness", "15/10/2025", "70"],
        ["Sam", "Jones", "", "Prevent awareness", "15/10/2025", ""],
        ["", "", "ada@ex.org", "Prevent awareness", "15/10/2025", ""],
        ["", "", "", "Prevent awareness", "15/10/2025", "120"],
        ["", "", "ada@ex.org", "Prevent awareness", "01/01/2099", ""],
    ]
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows), kind="completions")
    preview = client.get(urls["preview"])
    text = preview.content.decode()
    assert "2 staff have this name; add a staff number column." in text
    assert "Row 2 records the same completion (person, course and date)." in text
    assert "This row does not say who completed the course." in text
    assert "“120” is not a percentage from 0 to 100." in text
    assert "This date is in the future." in text
    assert preview.context["counts"]["create"] == 1  # Ada's first row, matched by email


def test_a_staff_mapping_needs_a_name_and_completions_need_who(org, qm, client_for):
    client = client_for(qm)
    content = csv_bytes(["Forename", "Job Title", "Start date"], [["Ada", "Tutor", "1/9/24"]])
    upload(client, org, content)
    job = latest_job(org)
    bad = client.post(job_urls(org, job)["mapping"], mapping_post(job))
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Choose the column with the full name, or both first name and surname." in text
    content = csv_bytes(["Course", "Date completed"], [["Prevent awareness", "1/9/24"]])
    upload(client, org, content, kind="completions")
    job = latest_job(org)
    bad = client.post(job_urls(org, job)["mapping"], mapping_post(job))
    assert bad.status_code == 400
    assert "Choose at least one column that says who completed the course" in bad.content.decode()
