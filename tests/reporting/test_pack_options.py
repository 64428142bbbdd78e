"""Packs under control: role titles instead of names, the change history in or out, and
"Confidential: prepared for inspection" with who each copy is for on every page."""

from io import BytesIO

import pypdf
import pytest
from django.urls import reverse

from reporting.models import EvidencePack, PackStatus, StaffNames
from reporting.staff import replace_names
from tests.reporting.test_packs import approved, person, ready_pack, share

pytestmark = pytest.mark.django_db

NAMES = ("Daniel Okafor", "Priya Shah", "Megan Lewis", "leader@northfield.demo.example")


@pytest.fixture
def northfield(demo_world, db):
    from tenancy.models import Organisation

    return Organisation.objects.get(slug="northfield-training")


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(BytesIO(pdf)).pages]


def stored_pages(pack: EvidencePack) -> list[str]:
    with pack.file.open("rb") as handle:
        return pages_of(handle.read())


def generate(client, org, capture, **options) -> EvidencePack:
    assessment = approved(org)
    url = reverse(
        "reporting:pack_list", kwargs={"org_slug": org.slug, "assessment_code": assessment.code}
    )
    with capture(execute=True):
        response = client.post(url, options)
    assert response.status_code == 302
    pack = EvidencePack.unscoped.filter(assessment=assessment).latest("created_at")
    assert pack.status == PackStatus.READY, pack.error
    return pack


def test_role_titles_replace_every_name_and_the_history_can_be_left_out(
    northfield, client_for, django_capture_on_commit_callbacks
):
    qm = client_for(person("qm@northfield.demo.example"))
    pack = generate(
        qm, northfield, django_capture_on_commit_callbacks, staff_names="roles", history="leave_out"
    )
    assert pack.staff_names == StaffNames.ROLES and not pack.include_history
    pages = stored_pages(pack)
    text = " ".join(pages)
    for name in NAMES:
        assert name not in text, name
    cover = pages[0]
    assert "Lead Quality manager" in cover or "Lead Senior leader" in cover
    assert "Signed off Senior leader on" in cover
    assert "Appendix: change history" not in text
    assert all("Confidential: prepared for inspection" in page for page in pages)

    full = generate(qm, northfield, django_capture_on_commit_callbacks)  # the defaults
    full_text = " ".join(stored_pages(full))
    assert "Daniel Okafor" in full_text and "Appendix: change history" in full_text
    assert (full.page_count or 0) > (pack.page_count or 0) > 0


def test_every_served_copy_says_who_it_is_for_on_every_page(northfield, client_for, client):
    qm = client_for(person("qm@northfield.demo.example"))
    pack = ready_pack(northfield)
    url = reverse(
        "reporting:pack_download", kwargs={"org_slug": northfield.slug, "pack_code": pack.code}
    )
    downloaded = qm.get(url)
    assert downloaded.status_code == 200 and "attachment" in downloaded["Content-Disposition"]
    pages = pages_of(downloaded.content)
    assert len(pages) == pack.page_count
    assert all("Not shared: a copy downloaded by the provider" in page for page in pages)
    assert all("Confidential: prepared for inspection" in page for page in pages)

    _, token = share(qm, northfield, pack, recipient="Lead inspector, Ofsted")
    opened = client.get(f"/p/{token}/")
    assert opened.status_code == 200
    pages = pages_of(opened.content)
    assert all("Shared by link, for Lead inspector, Ofsted" in page for page in pages)
    assert not any("Not shared" in page for page in pages)


def test_a_pack_without_a_share_label_says_so():
    from reporting.stamp import shared_with_line

    assert shared_with_line(label="") == "Not shared: a copy downloaded by the provider"
    assert shared_with_line(recipient_name="Ann Lee", recipient_email="ann@x.example") == (
        "Shared with Ann Lee <ann@x.example>"
    )


def test_names_are_replaced_as_whole_words_only_in_the_body():
    html = (
        '<html><head><meta name="author" content="Ann Lee"></head><body>'
        "<p>Ann Lee, Ann Leeson and ann.lee@x.example; O&#x27;Neil; Ann Lee.</p></body></html>"
    )
    mapping = {"Ann Lee": "Quality manager", "ann.lee@x.example": "Quality manager"}
    mapping["O'Neil"] = "Viewer"
    out = replace_names(html, mapping)
    assert 'content="Ann Lee"' in out  # the head is left alone
    body = out.split("<body>")[1]
    assert body.count("Quality manager") == 3
    assert "Ann Leeson" in body and "Viewer" in body


def test_an_unknown_option_is_refused_beside_its_field(northfield, client_for):
    qm = client_for(person("qm@northfield.demo.example"))
    assessment = approved(northfield)
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": northfield.slug, "assessment_code": assessment.code},
    )
    before = EvidencePack.unscoped.filter(assessment=assessment).count()
    response = qm.post(url, {"staff_names": "nicknames\x00", "history": "leave_out"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert EvidencePack.unscoped.filter(assessment=assessment).count() == before
