"""Adding a new file or link from a benchmark's card: into the library and linked in one step,
with the library's content checks, the error beside the field and what was typed kept (htmx and
without JavaScript)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Assessment, Status
from evidence.models import EvidenceItem
from tests.assessments.respond.helpers import HTMX, respond_url, response_of, text
from tests.clock import iso_days_from_today
from tests.evidence.helpers import PDF
from tests.evidence.test_views_add import EXE
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_url(response) -> str:
    return reverse(
        "assessments:response_evidence_add",
        kwargs={
            "org_slug": response.assessment.organisation.slug,
            "assessment_code": response.assessment.code,
            "response_code": response.code,
        },
    )


def add_data(response, **fields) -> dict:
    values = {
        "kind": "file",
        "file": SimpleUploadedFile("Referral flowchart.pdf", PDF, content_type="application/pdf"),
        "url": "",
        "title": "Referral flowchart 2026",
        "effective_date": iso_days_from_today(-10),
        "valid_until": "",
        **fields,
    }
    return {f"add-{response.code}-{name}": value for name, value in values.items()}


def _has_add_fields(body: str, response) -> bool:
    file_input = (
        rf'<input type="file" name="add-{response.code}-file"[^>]*form="add-{response.code}"'
    )
    button = f'<button type="submit" class="button-secondary" form="add-{response.code}">'
    return bool(re.search(file_input, body)) and button in body


def test_the_card_offers_the_add_panel_closed_and_fetches_its_form_when_opened(
    assessment, qm_client
):
    response = response_of(assessment, "C1.1")
    body = text(qm_client.get(respond_url(assessment, "C1")))
    assert f'<form id="add-{response.code}" method="post" enctype="multipart/form-data"' in body
    assert not _has_add_fields(body, response)  # drawn when opened, not on every page view
    tag = rf'<details class="evidence-add"[^>]*data-hx-get="{re.escape(add_url(response))}"[^>]*>'
    panel = re.search(tag, body)
    assert panel and 'data-hx-trigger="toggle once"' in panel.group(0)
    assert f'data-hx-target="#add-{response.code}-body"' in panel.group(0)

    fetched = qm_client.get(add_url(response), **HTMX)
    assert fetched.status_code == 200
    assert _has_add_fields(text(fetched), response)


def test_without_javascript_the_panels_link_opens_the_page_with_its_form(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    body = text(qm_client.get(respond_url(assessment, "C1")))
    hidden = '<span class="visually-hidden"> (C1.1)</span>'
    link = f'<a href="{add_url(response)}">Show the form{hidden}</a>'
    assert link in body

    followed = qm_client.get(add_url(response))
    assert followed.status_code == 302
    assert followed.url.endswith(f"?criterion=C1&add={response.code}#response-{response.code}")
    page = text(qm_client.get(followed.url))
    assert _has_add_fields(page, response)
    assert re.search(r'<details class="evidence-add" data-no-autosave open>', page)
    other = response_of(assessment, "C1.2")
    assert not _has_add_fields(page, other)  # only the panel asked for


def test_an_odd_panel_to_open_is_ignored(assessment, qm_client):
    page = qm_client.get(respond_url(assessment, "C1") + "&add=not-a-code")
    assert page.status_code == 200
    assert not _has_add_fields(text(page), response_of(assessment, "C1.1"))


def test_an_upload_in_place_goes_into_the_library_and_is_linked(org, member, assessment, qm_client):
    response = response_of(assessment, "C1.1")
    reply = qm_client.post(add_url(response), add_data(response), **HTMX)

    assert reply.status_code == 200
    item = EvidenceItem.unscoped.get(title="Referral flowchart 2026")
    assert item.organisation == org and item.owner == member and item.uploaded_by == member
    assert item.content_type == "application/pdf" and item.sha256
    stored = response_of(assessment, "C1.1")
    assert list(stored.evidence.all()) == [item] and stored.revision == 1
    body = text(reply)
    assert "is in the evidence library and linked to C1.1" in body
    assert f'data-hx-swap-oob="beforeend:#linked-{response.code}"' in body
    assert re.search(rf'name="r-{response.code}-evidence" value="{item.code}"[^>]*checked', body)
    assert f'value="1" id="revision-{response.code}" data-hx-swap-oob="true"' in body


def test_a_renamed_program_is_refused_by_content_beside_the_file_field(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    bad = SimpleUploadedFile("policy.pdf", EXE, content_type="application/pdf")
    reply = qm_client.post(add_url(response), add_data(response, file=bad), **HTMX)

    assert reply.status_code == 400
    error = field_error_html(reply, "file", prefix=f"id_add-{response.code}-")
    assert "is really a Windows program" in error
    assert 'value="Referral flowchart 2026"' in text(reply)  # what was typed is kept
    assert not EvidenceItem.unscoped.exists()
    assert response_of(assessment, "C1.1").revision == 0


def test_without_javascript_a_link_is_added_and_the_page_comes_back(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    data = add_data(response, kind="link", file="", url="https://intranet.example.org/flow")
    reply = qm_client.post(add_url(response), data)

    assert reply.status_code == 302
    assert reply["Location"].endswith(f"?criterion=C1#response-{response.code}")
    item = EvidenceItem.unscoped.get(url="https://intranet.example.org/flow")
    assert list(response_of(assessment, "C1.1").evidence.all()) == [item]


def test_without_javascript_bad_input_shows_the_page_with_the_error_and_the_input(
    assessment, qm_client
):
    response = response_of(assessment, "C1.1")
    data = add_data(response, kind="link", file="", url="ftp://files.example.org/flow")
    reply = qm_client.post(add_url(response), data)

    assert reply.status_code == 400
    body = text(reply)
    assert "<html" in body and '<details class="evidence-add" data-no-autosave open>' in body
    error = field_error_html(reply, "url", prefix=f"id_add-{response.code}-")
    assert "Enter a web address" in error
    assert 'value="Referral flowchart 2026"' in body
    assert not EvidenceItem.unscoped.exists()


def test_only_those_who_may_answer_the_benchmark_add(
    org, assessment, contributor, readonly_member, client_for
):
    response = response_of(assessment, "C1.1")
    refused = client_for(contributor).post(add_url(response), add_data(response))
    assert refused.status_code == 403  # not assigned to this criterion
    assert (
        client_for(readonly_member).post(add_url(response), add_data(response)).status_code == 403
    )
    assert not EvidenceItem.unscoped.exists()


def test_nothing_is_added_once_the_self_evaluation_is_submitted(assessment, qm_client):
    Assessment.unscoped.filter(pk=assessment.pk).update(status=Status.SUBMITTED)
    response = response_of(assessment, "C1.1")
    reply = qm_client.post(add_url(response), add_data(response), **HTMX)
    assert reply.status_code == 409
    assert not EvidenceItem.unscoped.exists()


def test_once_submitted_opening_the_panel_says_it_is_closed(assessment, qm_client):
    Assessment.unscoped.filter(pk=assessment.pk).update(status=Status.SUBMITTED)
    response = response_of(assessment, "C1.1")
    fetched = qm_client.get(add_url(response), **HTMX)
    assert fetched.status_code == 409
    assert "This self-evaluation is no longer open for changes." in text(fetched)
    assert not _has_add_fields(text(fetched), response)
    followed = qm_client.get(add_url(response))
    assert followed.status_code == 302
    assert followed.url.endswith(f"?criterion=C1#response-{response.code}")
