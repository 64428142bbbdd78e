"""A person who chose Welsh sees the training forms' labels, hints and errors in Welsh, and an
upload refused by its content is refused in Welsh (issue 18: text built in Python)."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core.uploads import inspect_upload
from tests.clock import TODAY, frozen_on
from tests.evidence.helpers import file_form
from tests.evidence.helpers import url as evidence_url
from tests.tenancy.helpers import field_error_html
from tests.training.conftest import make_staff

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _url(name, org, **kwargs):
    return reverse(f"training:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def welsh_qm(qm):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    return qm


@frozen_on(TODAY)
def test_the_staff_form_speaks_welsh_labels_hints_and_errors(org, welsh_qm, client_for):
    response = client_for(welsh_qm).post(
        _url("staff_create", org), {"name": "", "role_group": "", "start_date": ""}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Rhowch eu henw." in html.unescape(field_error_html(response, "name"))
    assert "Dewiswch y grŵp rôl sy'n penderfynu eu hyfforddiant." in page
    assert "Yn penderfynu pa gyrsiau sydd eu hangen arnynt." in page  # help text
    assert "Dyddiad gadael" in page  # a date_field label
    assert "Enter their name." not in page
    assert "Decides which courses they need." not in page


@frozen_on(TODAY)
def test_a_completion_in_the_future_is_refused_in_welsh(org, welsh_qm, client_for):
    staff = make_staff(org, welsh_qm)
    client = client_for(welsh_qm)
    page = html.unescape(client.get(staff.get_absolute_url()).content.decode())
    assert "Sgôr gwirio gwybodaeth (%)" in page and "Dewiswch gwrs" in page
    response = client.post(
        _url("completion_create", org, staff_code=staff.code),
        {"course": "", "completed_on": "2999-01-01"},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Ni all y dyddiad fod yn y dyfodol." in page
    assert "Dewiswch gwrs." in page


def test_an_evidence_upload_refused_by_its_content_says_why_in_welsh(org, welsh_qm, client_for):
    bad = SimpleUploadedFile("policy.pdf", EXE, content_type="application/pdf")
    response = client_for(welsh_qm).post(
        evidence_url("add", org), file_form(file=bad, owner=welsh_qm.pk)
    )
    assert response.status_code == 400
    error = html.unescape(field_error_html(response, "file"))
    assert (
        "Mae “policy.pdf” wedi'i henwi fel PDF ond rhaglen Windows (.exe neu .dll) ydyw mewn "
        "gwirionedd" in error
    )
    assert "is named as" not in error


@pytest.mark.parametrize(
    ("name", "content", "welsh"),
    [
        ("notes.txt", b"", "Mae “notes.txt” yn wag. Gwiriwch eich bod wedi dewis y ffeil gywir."),
        ("report", b"%PDF-1.7", "Nid oes math o ffeil ar ddiwedd enw “report” (fel .pdf)."),
        ("report.docx", b"%PDF-1.7", "Ailenwch hi i orffen ag .pdf"),
    ],
)
def test_upload_refusals_are_worded_in_the_active_language(name, content, welsh):
    upload = SimpleUploadedFile(name, content)
    with translation.override("cy"), pytest.raises(ValidationError) as refused:
        inspect_upload(upload)
    assert welsh in " ".join(refused.value.messages)
    with pytest.raises(ValidationError) as english:
        inspect_upload(SimpleUploadedFile(name, content))
    assert welsh not in " ".join(english.value.messages)
