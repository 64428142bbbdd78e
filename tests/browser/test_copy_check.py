"""An inspector checks a copy on the share link's page: the copy they downloaded is confirmed
with its snapshot's hash, a changed one is refused; screenshots at desktop and phone width."""

import pytest
from playwright.sync_api import expect

from tests.browser.shots import shoot

pytestmark = pytest.mark.browser


def share_token() -> str:
    """A link to a ready pack of Northfield's approved self-evaluation, carrying its hash."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from assessments.models import Assessment, Status
    from reporting.models import EvidencePack, PackStatus
    from tenancy.models import Organisation
    from tests.reporting.test_retention import PDF, share_link_create

    organisation = Organisation.objects.get(slug="northfield-training")
    assessment = Assessment.objects.for_organisation(organisation).get(status=Status.APPROVED)
    pack = EvidencePack.objects.for_organisation(organisation).create(
        organisation=organisation,
        assessment=assessment,
        is_draft=False,
        snapshot_sha256=assessment.snapshot_sha256,
        status=PackStatus.READY,
        sha256="0" * 64,
        generated_at=timezone.now(),
    )
    pack.file.save(f"{pack.code}.pdf", ContentFile(PDF))
    _, token = share_link_create(pack=pack, by=None, recipient="Lead inspector")
    return token


@pytest.mark.parametrize("width", [1280, 390])
def test_an_inspector_checks_the_copy_they_downloaded(page, live_server, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    token = share_token()
    copy = page.request.get(f"{live_server.url}/p/{token}/").body()
    (tmp_path / "pack.pdf").write_bytes(copy)
    changed = copy.replace(b"/M (D\\072", b"/M (D\\072", 1)
    at = changed.find(b"/M (D\\072") + 9
    changed = changed[:at] + (b"1" if changed[at : at + 1] != b"1" else b"2") + changed[at + 1 :]
    (tmp_path / "changed.pdf").write_bytes(changed)

    page.goto(f"{live_server.url}/p/{token}/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a copy of the evidence pack")
    shoot(page, "check-empty", widths=(width,))

    page.get_by_label("The evidence pack PDF you received").set_input_files(tmp_path / "pack.pdf")
    page.get_by_role("button", name="Check this copy").click()
    expect(page.locator("#verdict-heading")).to_have_text(
        "Yes: this is the pack shared with you, unchanged since it was signed"
    )
    expect(page.get_by_text("The same as the snapshot recorded when the self")).to_be_visible()
    shoot(page, "check-confirmed", widths=(width,))

    page.get_by_label("The evidence pack PDF you received").set_input_files(
        tmp_path / "changed.pdf"
    )
    page.get_by_role("button", name="Check this copy").click()
    expect(page.locator("#verdict-heading")).to_have_text(
        "No: this copy was changed after it was signed"
    )
    shoot(page, "check-changed", widths=(width,))

    (tmp_path / "notes.pdf").write_text("not a pdf\n")
    page.get_by_label("The evidence pack PDF you received").set_input_files(tmp_path / "notes.pdf")
    page.get_by_role("button", name="Check this copy").click()
    expect(page.locator("#id_copy_error")).to_contain_text("“notes.pdf” is not a PDF")
    problems = page.console_watch.unreported()  # the refusal is a 400, as it should be
    assert problems and all("400" in problem for problem in problems)
    shoot(page, "check-error", widths=(width,))
