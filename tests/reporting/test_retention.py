"""Retention: packs and share links older than PACK_RETENTION_DAYS lose their PDF and tokens
(the row, hash and access log stay); superseded evidence files go after their period. Only
what is old, exactly once, and safe beside a second run."""

import hashlib
import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from demo.sample_files import pdf_bytes
from evidence.models import EvidenceItem, EvidenceKind
from evidence.retention import superseded_files_sweep
from evidence.services import evidence_create, evidence_update
from reporting.models import EvidencePack, PackAccess, PackShareLink, PackStatus, ShareCode
from reporting.retention import packs_retention_sweep
from reporting.services import share_access_record, share_link_create
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.clock import LONDON

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 5, 10, 0, tzinfo=LONDON)
PDF = pdf_bytes("Evidence pack", ["A page."])


@pytest.fixture
def assessment(org, subscribed, member):
    return start(org, subscribed, member)


def in_scope(fn):
    """Create links as the pack page does: inside the organisation's scope."""

    def wrapped(*, pack, **kwargs):
        with tenant_scope(pack.organisation):
            return fn(pack=pack, **kwargs)

    return wrapped


share_link_create = in_scope(share_link_create)


def ready_pack(assessment, by) -> EvidencePack:
    pack = EvidencePack.objects.for_organisation(assessment.organisation).create(
        organisation=assessment.organisation,
        assessment=assessment,
        is_draft=True,
        status=PackStatus.READY,
        requested_by=by,
        sha256=hashlib.sha256(PDF).hexdigest(),
        page_count=3,
        generated_at=timezone.now(),
    )
    pack.file.save(f"{pack.code}.pdf", ContentFile(PDF))
    return pack


def test_only_old_packs_lose_their_file_and_links_and_keep_hash_and_log(
    assessment, member, settings, client, django_capture_on_commit_callbacks
):
    settings.PACK_RETENTION_DAYS = 30
    with time_machine.travel(START, tick=False) as clock:
        old = ready_pack(assessment, member)
        link, token = share_link_create(pack=old, by=member, recipient="Lead inspector")
        bound, _ = share_link_create(
            pack=old, by=member, recipient_name="Ann Lee", recipient_email="ann@x.example"
        )
        ShareCode.objects.for_organisation(old.organisation).create(
            organisation=old.organisation, link=bound, code_hash="x" * 64, expires_at=START
        )
        with django_capture_on_commit_callbacks(execute=True):
            share_access_record(link=link, ip_address="192.0.2.1", user_agent="Inspector")
        clock.shift(timedelta(days=20))
        young = ready_pack(assessment, member)
        _, young_token = share_link_create(pack=young, by=member, days=14)
        clock.shift(timedelta(days=11))  # old is 31 days old, young 11

        with django_capture_on_commit_callbacks(execute=True):
            assert packs_retention_sweep() == {"packs": 1, "links": 2}
            assert packs_retention_sweep() == {"packs": 0, "links": 0}  # exactly once

        old.refresh_from_db()
        assert old.deleted_at == timezone.now() and not old.file
        assert old.sha256 == hashlib.sha256(PDF).hexdigest() and old.page_count == 3
        assert not default_storage.exists(f"packs/{old.organisation.code}/{old.code}.pdf")
        assert PackAccess.objects.for_organisation(old.organisation).filter(link=link).count() == 1
        assert not ShareCode.objects.for_organisation(old.organisation).exists()
        assert client.get(f"/p/{token}/").status_code == 404  # the token no longer opens it
        links = PackShareLink.objects.for_organisation(old.organisation)
        assert all(row.is_deleted for row in links.filter(pack=old))

        young.refresh_from_db()
        assert young.deleted_at is None and young.file
        assert client.get(f"/p/{young_token}/").status_code == 200


def test_a_deleted_pack_says_so_on_its_pages_and_cannot_be_shared(
    assessment, member, settings, client_for, django_capture_on_commit_callbacks
):
    settings.PACK_RETENTION_DAYS = 30
    with time_machine.travel(START, tick=False) as clock:
        pack = ready_pack(assessment, member)
        share_link_create(pack=pack, by=member, recipient="Lead inspector")
        clock.shift(timedelta(days=31))
        with django_capture_on_commit_callbacks(execute=True):
            packs_retention_sweep()
        qm = client_for(member)
        kwargs = {"org_slug": pack.organisation.slug, "pack_code": pack.code}
        page = qm.get(reverse("reporting:pack_detail", kwargs=kwargs)).content.decode()
        assert "Deleted after 30 days" in page and pack.sha256 in page and "Lead inspector" in page
        assert "Create a link" not in page
        assert qm.get(reverse("reporting:pack_download", kwargs=kwargs)).status_code == 404
        shared = qm.post(
            reverse("reporting:share_create", kwargs=kwargs), {"recipient": "x", "days": 7}
        )
        assert shared.status_code == 400
        assert (
            not PackShareLink.objects.for_organisation(pack.organisation)
            .filter(recipient="x")
            .exists()
        )


def test_old_links_of_a_young_pack_are_deleted_too(assessment, member, settings):
    settings.PACK_RETENTION_DAYS = 400
    with time_machine.travel(START, tick=False) as clock:
        pack = ready_pack(assessment, member)
        link, _ = share_link_create(pack=pack, by=member)
        pack.created_at = timezone.now() + timedelta(days=100)  # a pack row younger than it
        pack.save(update_fields=["created_at"])
        clock.shift(timedelta(days=401))
        assert packs_retention_sweep() == {"packs": 0, "links": 1}
        link.refresh_from_db()
        assert link.is_deleted and link.revoked_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_delete_each_pack_once(org, subscribed, member, settings):
    settings.PACK_RETENTION_DAYS = 30
    assessment = start(org, subscribed, member)
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(6):
            ready_pack(assessment, member)
        clock.shift(timedelta(days=31))
        results: list[dict] = []

        def run() -> None:
            try:
                results.append(packs_retention_sweep())
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(r["packs"] for r in results) == 6
    assert EvidencePack.objects.for_organisation(org).filter(deleted_at=None).count() == 0


def test_superseded_evidence_files_are_swept_after_their_period_and_current_ones_never(
    org, member, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_SUPERSEDED_RETENTION_DAYS = 90
    first, second = pdf_bytes("Policy v1", ["One."]), pdf_bytes("Policy v2", ["Two."])
    common = {
        "title": "Prevent policy",
        "kind": EvidenceKind.FILE,
        "owner": member,
        "effective_date": date(2026, 1, 5),
        "by": member,
    }
    with time_machine.travel(START, tick=False) as clock:
        item = evidence_create(organisation=org, file=ContentFile(first, name="v1.pdf"), **common)
        old_name = item.file.name
        clock.shift(timedelta(days=10))
        evidence_update(item=item, file=ContentFile(second, name="v2.pdf"), **common)
        current = item.file.name
        other = evidence_create(
            organisation=org, file=ContentFile(first, name="other.pdf"), **common
        )
        clock.shift(timedelta(days=89))  # superseded 89 days ago: not yet
        with django_capture_on_commit_callbacks(execute=True):
            assert superseded_files_sweep() == 0
        assert default_storage.exists(old_name)
        clock.shift(timedelta(days=2))
        with django_capture_on_commit_callbacks(execute=True):
            assert superseded_files_sweep() == 1
            assert superseded_files_sweep() == 0
    assert not default_storage.exists(old_name)
    assert default_storage.exists(current) and default_storage.exists(other.file.name)
    history = EvidenceItem.history.filter(id=item.pk).order_by("history_id")
    assert [str(h.file) for h in history] == ["", current]
    assert history.first().sha256 == hashlib.sha256(first).hexdigest()  # the record stays
