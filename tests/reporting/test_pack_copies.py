"""Served copies are stamped once per "shared with" line and kept on the media storage; a
re-rendered pack or another recipient gets its own copy; retention deletes them with the pack."""

from datetime import timedelta
from io import BytesIO

import pypdf
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from reporting import copies
from reporting.copies import copy_name, stamped_copy
from reporting.retention import packs_retention_sweep
from tests.assessments.helpers import start
from tests.reporting.test_retention import START, ready_pack, share_link_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org, subscribed, member):
    return start(org, subscribed, member)


@pytest.fixture
def stamps(monkeypatch):
    """Counts the real stamping calls."""
    calls: list[str] = []
    real = copies.stamp_pdf

    def counting(pdf: bytes, line: str) -> bytes:
        calls.append(line)
        return real(pdf, line)

    monkeypatch.setattr(copies, "stamp_pdf", counting)
    return calls


def footer(pdf: bytes) -> str:
    return pypdf.PdfReader(BytesIO(pdf)).pages[0].extract_text()


def test_a_link_opened_again_is_served_from_its_kept_copy(assessment, member, client, stamps):
    pack = ready_pack(assessment, member)
    with time_machine.travel(START, tick=False):
        _, token = share_link_create(pack=pack, by=member, recipient="Lead inspector")
        first = client.get(f"/p/{token}/")
        second = client.get(f"/p/{token}/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "Shared by link, for Lead inspector" in footer(second.content)
    assert stamps == ["Shared by link, for Lead inspector"]  # stamped once, not per open
    assert default_storage.exists(copy_name(pack, stamps[0]))


def test_another_line_or_a_new_render_gets_its_own_copy(assessment, member, stamps):
    pack = ready_pack(assessment, member)
    ann = stamped_copy(pack, "Shared with Ann Lee")
    assert stamped_copy(pack, "Shared with Ann Lee") == ann
    bob = stamped_copy(pack, "Shared with Bob Hale")
    assert "Bob Hale" in footer(bob) and "Ann Lee" not in footer(bob)
    pack.sha256 = "0" * 64  # as if the pack had been rendered again
    stamped_copy(pack, "Shared with Ann Lee")
    assert stamps == ["Shared with Ann Lee", "Shared with Bob Hale", "Shared with Ann Lee"]
    assert "Ann" not in copy_name(pack, "Shared with Ann Lee")  # nobody is named in storage


def test_a_partly_written_copy_is_stamped_afresh(assessment, member, stamps):
    pack = ready_pack(assessment, member)
    whole = stamped_copy(pack, "Shared with Ann Lee")
    name = copy_name(pack, "Shared with Ann Lee")
    default_storage.delete(name)
    default_storage.save(name, ContentFile(whole[: len(whole) // 2]))
    again = stamped_copy(pack, "Shared with Ann Lee")
    # stamped and signed afresh (a new signing time, so not byte for byte the first copy)
    assert again.rstrip().endswith(b"%%EOF") and footer(again) == footer(whole)
    assert len(stamps) == 2


def test_retention_deletes_the_copies_with_the_pack(
    assessment, member, settings, django_capture_on_commit_callbacks
):
    settings.PACK_RETENTION_DAYS = 30
    with time_machine.travel(START, tick=False) as clock:
        pack = ready_pack(assessment, member)
        kept = [copy_name(pack, line) for line in ("Shared with Ann Lee", "Not shared")]
        for line in ("Shared with Ann Lee", "Not shared"):
            stamped_copy(pack, line)
        assert all(default_storage.exists(name) for name in kept)
        clock.shift(timedelta(days=31))
        with django_capture_on_commit_callbacks(execute=True):
            assert packs_retention_sweep()["packs"] == 1
    assert not any(default_storage.exists(name) for name in kept)
