"""Adding a new file or link on an action: into the library and linked as completion evidence
in one step, with the library's content checks; the progress form's picker keeps it ticked."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence.models import EvidenceItem
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import action_url, html
from tests.clock import iso_days_from_today
from tests.evidence.helpers import PDF
from tests.evidence.test_views_add import EXE
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def add_data(**fields) -> dict:
    values = {
        "kind": "file",
        "file": SimpleUploadedFile("Attendance.pdf", PDF, content_type="application/pdf"),
        "url": "",
        "title": "Refresher attendance, March",
        "effective_date": iso_days_from_today(-3),
        "valid_until": "",
        **fields,
    }
    return {f"add-{name}": value for name, value in values.items()}


@pytest.fixture
def mine(org, contributor):
    return ActionFactory(organisation=org, title="Casey's action", owner=contributor)


def test_the_owner_uploads_in_place_and_it_is_linked(org, mine, contributor, client_for):
    client = client_for(contributor)
    page = html(client.get(action_url("detail", mine)))
    assert "Upload a file or add a link" in page and 'id="linked-progress"' in page

    reply = client.post(action_url("evidence_add", mine), add_data(), **HTMX)

    assert reply.status_code == 200
    item = EvidenceItem.unscoped.get(title="Refresher attendance, March")
    assert item.owner == contributor and item.content_type == "application/pdf"
    assert list(mine.completion_evidence.all()) == [item]
    body = html(reply)
    assert 'id="action-evidence"' in body
    assert "is in the evidence library and linked to this action" in body
    assert 'data-hx-swap-oob="beforeend:#linked-progress"' in body
    assert re.search(rf'name="completion_evidence" value="{item.code}"[^>]*checked', body)


def test_without_javascript_a_link_is_added_and_the_page_comes_back(mine, contributor, client_for):
    data = add_data(kind="link", file="", url="https://intranet.example.org/attendance")
    reply = client_for(contributor).post(action_url("evidence_add", mine), data)
    assert reply.status_code == 302 and reply["Location"] == mine.get_absolute_url()
    assert [e.url for e in mine.completion_evidence.all()] == [
        "https://intranet.example.org/attendance"
    ]


@pytest.mark.parametrize("htmx", [True, False])
def test_a_renamed_program_is_refused_beside_the_file_field(mine, contributor, client_for, htmx):
    bad = SimpleUploadedFile("attendance.pdf", EXE, content_type="application/pdf")
    reply = client_for(contributor).post(
        action_url("evidence_add", mine), add_data(file=bad), **(HTMX if htmx else {})
    )
    assert reply.status_code == 400
    assert "is really a Windows program" in field_error_html(reply, "file", prefix="id_add-")
    assert 'value="Refresher attendance, March"' in html(reply)
    assert ("<html" in html(reply)) is not htmx  # htmx gets the panel, a plain post the page
    assert not EvidenceItem.unscoped.exists()


def test_someone_elses_action_is_refused(org, colleague, contributor, client_for):
    theirs = ActionFactory(organisation=org, title="Robin's action", owner=colleague)
    reply = client_for(contributor).post(action_url("evidence_add", theirs), add_data())
    assert reply.status_code == 403
    assert not EvidenceItem.unscoped.exists()
