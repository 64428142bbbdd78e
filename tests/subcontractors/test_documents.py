"""A subcontractor's documents: uploads checked by content, permission-checked downloads, and
reminders to their owner before they expire (through the reminder sweep, exactly once)."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.sample_files import docx_bytes
from reminders.delivery import deliver_notifications
from reminders.models import Kind, Notification, ReminderSettings
from reminders.sweep import claim_reminders, run_sweep
from subcontractors.models import DocumentKind, SubcontractorDocument, SubcontractorStatus
from subcontractors.services import document_add, document_archive
from tenancy.scope import tenant_scope
from tests.clock import TODAY, days_from_today, frozen_on, iso_days_from_today
from tests.subcontractors.helpers import EXE, PDF, html, make_subcontractor, url
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def subcontractor(org, qm):
    return make_subcontractor(org, qm, name="Acorn Training Ltd")


def add_url(subcontractor) -> str:
    return url("document_add", subcontractor.organisation, subcontractor_code=subcontractor.code)


def add(subcontractor, owner, expires_on=None, **kwargs) -> SubcontractorDocument:
    with tenant_scope(subcontractor.organisation):
        return document_add(
            subcontractor=subcontractor,
            by=owner,
            kind=kwargs.pop("kind", DocumentKind.INSURANCE),
            title=kwargs.pop("title", "Liability insurance"),
            file=ContentFile(PDF, name="insurance.pdf"),
            owner=owner,
            expires_on=expires_on,
        )


def test_a_manager_uploads_a_document_checked_by_its_content(subcontractor, qm, client_for):
    data = {
        "kind": "insurance",
        "title": "Liability insurance 2026/27",
        "expires_on": iso_days_from_today(280),
        "owner": qm.pk,
    }
    client = client_for(qm)
    refused = client.post(
        add_url(subcontractor), {**data, "file": SimpleUploadedFile("cover.pdf", EXE)}
    )
    assert refused.status_code == 400
    assert "is really a Windows program" in field_error_html(refused, "file")
    assert 'value="Liability insurance 2026/27"' in html(refused)
    assert "Choose the file again" in html(refused)
    mismatch = client.post(
        add_url(subcontractor),
        {**data, "file": SimpleUploadedFile("cover.pdf", docx_bytes("Cover", ["x"]))},
    )
    assert "is really a Word document" in field_error_html(mismatch, "file")
    assert not SubcontractorDocument.unscoped.exists()

    ok = client.post(add_url(subcontractor), {**data, "file": SimpleUploadedFile("c.pdf", PDF)})
    assert ok.status_code == 302
    document = SubcontractorDocument.unscoped.get()
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.original_filename == "c.pdf"
    assert document.expires_on == days_from_today(280)
    assert document.uploaded_by == qm


def test_an_empty_file_is_refused(subcontractor, qm, client_for):
    response = client_for(qm).post(
        add_url(subcontractor),
        {
            "kind": "policy",
            "title": "Policy",
            "owner": qm.pk,
            "file": SimpleUploadedFile("policy.pdf", b""),
        },
    )
    assert "is empty" in field_error_html(response, "file")


def test_downloads_are_permission_checked_and_archived_documents_stay_on_record(
    subcontractor, qm, viewer, outsider, client_for, client
):
    document = add(subcontractor, qm)
    download = url(
        "document_download",
        subcontractor.organisation,
        subcontractor_code=subcontractor.code,
        document_code=document.code,
    )
    assert b"".join(client_for(viewer).get(download).streaming_content) == PDF
    assert client_for(outsider).get(download).status_code == 404
    assert client.get(download).status_code == 302
    archive = url(
        "document_archive",
        subcontractor.organisation,
        subcontractor_code=subcontractor.code,
        document_code=document.code,
    )
    assert client_for(viewer).post(archive).status_code == 403
    assert client_for(qm).post(archive).status_code == 302
    document.refresh_from_db()
    assert document.archived_at
    assert "Liability insurance" not in html(client_for(qm).get(subcontractor.get_absolute_url()))
    assert client_for(qm).get(download).status_code == 200  # kept for the record


def test_expired_and_expiring_documents_stand_out(subcontractor, qm, client_for):
    with frozen_on(TODAY):
        add(subcontractor, qm, expires_on=TODAY - timedelta(days=1), title="Old insurance")
        add(subcontractor, qm, expires_on=TODAY + timedelta(days=10), title="Policy")
        page = html(client_for(qm).get(subcontractor.get_absolute_url()))
    assert "Expired</span>" in page
    assert "Expires soon</span>" in page


# --- Reminders through the sweep -------------------------------------------------------------


def sweep_and_send(day=TODAY):
    with frozen_on(day):
        return run_sweep(day, enqueue=deliver_notifications)


def reminders() -> list[Notification]:
    return list(Notification.unscoped.filter(kind=Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING))


def test_a_document_nearing_expiry_reminds_its_owner_once(subcontractor, qm, contributor):
    document = add(subcontractor, contributor, expires_on=TODAY + timedelta(days=20))
    add(subcontractor, qm, expires_on=TODAY + timedelta(days=45), title="Later")
    first = sweep_and_send()
    second = sweep_and_send()
    sweep_and_send(TODAY + timedelta(days=1))
    assert first.created[Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING] == 1
    assert second.created[Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING] == 0
    [notification] = reminders()
    assert notification.recipient == contributor
    assert notification.subcontractor_document == document
    assert notification.due_date == document.expires_on
    assert notification.dedupe_key == (
        f"{Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING}:{document.pk}:{document.expires_on}:"
        f"{contributor.pk}"
    )
    [message] = [m for m in mail.outbox if m.to == [contributor.email]]
    assert message.subject.startswith("Subcontractor document expires")
    assert "Acorn Training Ltd" in message.subject
    assert f"{subcontractor.get_absolute_url()}#documents" in message.body
    assert message.alternatives and "Liability insurance" in message.alternatives[0][0]


def test_a_new_expiry_date_or_owner_reminds_again(subcontractor, qm, contributor):
    document = add(subcontractor, qm, expires_on=TODAY + timedelta(days=20))
    claim_reminders(TODAY)
    SubcontractorDocument.unscoped.filter(pk=document.pk).update(
        expires_on=TODAY + timedelta(days=25)
    )
    claim_reminders(TODAY)
    SubcontractorDocument.unscoped.filter(pk=document.pk).update(owner=contributor)
    claim_reminders(TODAY)
    assert len(reminders()) == 3


def test_the_organisations_warning_period_applies(org, subcontractor, qm):
    ReminderSettings.unscoped.create(organisation=org, evidence_warning_days=10)
    add(subcontractor, qm, expires_on=TODAY + timedelta(days=20))
    add(subcontractor, qm, expires_on=TODAY + timedelta(days=10), title="Soon")
    claim_reminders(TODAY)
    assert [n.subcontractor_document.title for n in reminders()] == ["Soon"]


def test_expired_archived_and_ended_documents_send_no_reminder(org, qm, subcontractor):
    add(subcontractor, qm, expires_on=TODAY - timedelta(days=1), title="Expired")
    archived = add(subcontractor, qm, expires_on=TODAY + timedelta(days=5), title="Archived")
    with tenant_scope(org):
        document_archive(document=archived, by=qm)
    ended = make_subcontractor(org, qm, name="Ended", status=SubcontractorStatus.ENDED)
    add(ended, qm, expires_on=TODAY + timedelta(days=5), title="Ended contract")
    claim_reminders(TODAY)
    assert reminders() == []


def test_an_owner_who_left_is_not_reminded(org, subcontractor, contributor):
    add(subcontractor, contributor, expires_on=TODAY + timedelta(days=5))
    contributor.memberships.all().delete()
    claim_reminders(TODAY)
    assert reminders() == []


def test_people_who_opted_out_get_no_email_but_still_see_the_reminder(
    subcontractor, qm, client_for
):
    qm.receives_optional_emails = False
    qm.save()
    add(subcontractor, qm, expires_on=TODAY + timedelta(days=5))
    sweep_and_send()
    assert mail.outbox == []
    [notification] = reminders()
    assert notification.email_skipped
    page = html(client_for(qm).get("/notifications/"))
    assert "Subcontractor document expiring" in page
    assert f"{subcontractor.get_absolute_url()}#documents" in page
