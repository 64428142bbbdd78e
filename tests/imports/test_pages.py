"""The import's pages: bad files 400 beside the field, the row limit, another tenant's job 404,
who may import which list, and an expired job."""

from datetime import timedelta

import pytest
from django.urls import reverse

from imports import preview
from imports.models import ImportJob
from tenancy.roles import Role
from tests.conftest import member_of
from tests.factories import OrganisationFactory, account_manager_for
from tests.imports.helpers import ACTION_HEADER, csv_bytes, job_urls, upload

pytestmark = pytest.mark.django_db


def _rows(qm, count):
    return [[f"R{n}", f"Action {n}", qm.email, "01/09/2030", "", ""] for n in range(count)]


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"MZ\x90\x00binary", "plan.xlsx", "is named as an Excel workbook but is really a Windows"),
        (b"%PDF-1.4\n", "plan.pdf", "This is a PDF: save the list as an Excel workbook"),
        (b"", "plan.csv", "is empty"),
        (b"Ref,Action\n", "plan.csv", "The file has a header row but no rows under it."),
    ],
)
def test_a_bad_file_is_400_with_the_message_beside_the_field(
    org, qm, client_for, content, name, message
):
    response = upload(client_for(qm), org, content, "actions", name)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert response.context["form"]["kind"].value() == "actions"  # the choice is kept
    assert not ImportJob.unscoped.exists()


def test_too_many_rows_is_refused_with_a_clear_message(org, qm, client_for, monkeypatch):
    monkeypatch.setattr(preview, "MAX_IMPORT_ROWS", 5)
    response = upload(
        client_for(qm), org, csv_bytes(ACTION_HEADER, _rows(qm, 6)), "actions", "p.csv"
    )
    assert response.status_code == 400
    assert "up to 5 can be imported at once. Split it" in response.context["form"].errors["file"][0]


def test_another_tenants_job_is_404(org, qm, client_for):
    upload(client_for(qm), org, csv_bytes(ACTION_HEADER, _rows(qm, 1)), "actions", "p.csv")
    job = ImportJob.unscoped.get(organisation=org)
    other = OrganisationFactory(slug="elsewhere")
    outsider = member_of(other, Role.QUALITY_MANAGER)
    client = client_for(outsider)
    for url in job_urls(other, job).values():  # their own slug, our job's code
        assert client.get(url).status_code in (404, 405)  # confirm is POST only
        assert client.post(url).status_code in (404, 405)  # preview is GET only
    assert client.post(job_urls(other, job)["confirm"]).status_code == 404
    assert client.get(job_urls(org, job)["preview"]).status_code == 404  # not a member


def test_who_may_import_which_list(org, qm, contributor, client_for):
    page = client_for(qm).get(reverse("imports:start", kwargs={"org_slug": org.slug}))
    kinds = [value for value, _label in page.context["form"].fields["kind"].choices]
    assert kinds == [
        "actions",
        "evidence_links",
        "members",
        "risks",
        "staff",
        "subcontractors",
        "completions",
    ]
    assert (
        client_for(contributor)
        .get(reverse("imports:start", kwargs={"org_slug": org.slug}))
        .status_code
        == 403
    )


def test_an_account_manager_imports_members_only(org, qm, client_for):
    account_manager = account_manager_for(org)
    upload(client_for(qm), org, csv_bytes(ACTION_HEADER, _rows(qm, 1)), "actions", "p.csv")
    job = ImportJob.unscoped.get(organisation=org)
    client = client_for(account_manager)
    page = client.get(reverse("imports:start", kwargs={"org_slug": org.slug}))
    assert [v for v, _l in page.context["form"].fields["kind"].choices] == ["members"]
    assert client.get(job_urls(org, job)["preview"]).status_code == 403  # an actions job
    refused = upload(client, org, csv_bytes(ACTION_HEADER, _rows(qm, 1)), "actions", "p.csv")
    assert refused.status_code == 400
    assert refused.context["form"].errors["kind"] == ["Choose one of the lists you may import."]


def test_an_expired_job_is_never_shown_again(org, qm, client_for):
    client = client_for(qm)
    upload(client, org, csv_bytes(ACTION_HEADER, _rows(qm, 1)), "actions", "p.csv")
    job = ImportJob.unscoped.get(organisation=org)
    ImportJob.unscoped.filter(pk=job.pk).update(created_at=job.created_at - timedelta(hours=3))
    response = client.get(job_urls(org, job)["preview"], follow=True)
    assert "That import has expired" in response.content.decode()
    assert client.post(job_urls(org, job)["confirm"]).status_code == 302
    upload(client, org, csv_bytes(ACTION_HEADER, _rows(qm, 1)), "actions", "p.csv")
    assert not ImportJob.unscoped.filter(pk=job.pk).exists()  # purged at the next upload
