"""Evidence packs: content an inspector reads, DRAFT rules, sharing, permissions."""

from datetime import timedelta
from io import BytesIO

import pypdf
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessments.models import Assessment, Status
from reporting.models import EvidencePack, PackAccess, PackShareLink, PackStatus
from tenancy.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def northfield(demo_world, db):
    return Organisation.objects.get(slug="northfield-training")


def person(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def approved(org) -> Assessment:
    return Assessment.unscoped.get(organisation=org, status=Status.APPROVED)


def in_progress(org) -> Assessment:
    return Assessment.unscoped.get(organisation=org, status=Status.DRAFT)


def generate(client, org, assessment, capture) -> EvidencePack:
    url = reverse(
        "reporting:pack_list", kwargs={"org_slug": org.slug, "assessment_code": assessment.code}
    )
    with capture(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    pack = EvidencePack.unscoped.filter(assessment=assessment).latest("created_at")
    assert response["Location"].endswith(f"/packs/{pack.code}/")
    pack.refresh_from_db()
    return pack


def pdf_pages(pack) -> list[str]:
    with pack.file.open("rb") as handle:
        return [page.extract_text() for page in pypdf.PdfReader(BytesIO(handle.read())).pages]


def test_an_approved_pack_cites_its_snapshot_and_contains_what_inspectors_need(
    northfield, client_for, django_capture_on_commit_callbacks
):
    assessment = approved(northfield)
    pack = generate(
        client_for(person("leader@northfield.demo.example")),
        northfield,
        assessment,
        django_capture_on_commit_callbacks,
    )
    assert pack.status == PackStatus.READY and not pack.is_draft
    import hashlib

    with pack.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == pack.sha256
    pages = pdf_pages(pack)
    text = " ".join("\n".join(pages).split())  # table cells wrap; compare words, not lines
    assert 20 <= len(pages) == pack.page_count <= 200
    cover = pages[0]
    for expected in (
        "Northfield Training",
        "10091234",
        "Prevent duty: FE colleges and independent training providers, version 2026.1",
        assessment.title,
        "Daniel Okafor",
        assessment.snapshot_sha256,
    ):
        assert expected in cover.replace("\n", " "), expected
    # The inspection briefing opens the pack, saying whose judgements these are.
    assert "Inspection briefing" in pages[1] and "own judgements, not Ofsted's" in pages[1]
    assert "Safeguarding (Prevent)" in pages[1]
    assert any("Contents" in page and "Executive summary" in page for page in pages[2:8])
    for code in ("C1.1", "C4.3", "C8.6"):
        assert code in text
    first = assessment.snapshot["responses"][0]
    assert first["evidence"], "the demo links evidence to C1.1"
    evidence = first["evidence"][0]
    assert evidence["title"] in text and evidence["sha256"][:16] in text
    assert "Action plan" in text and "Appendix: change history" in text
    assert "Approved and signed off" in text
    assert not any("DRAFT" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_a_pack_of_an_unapproved_self_evaluation_says_draft_on_every_page(
    northfield, client_for, django_capture_on_commit_callbacks
):
    pack = generate(
        client_for(person("qm@northfield.demo.example")),
        northfield,
        in_progress(northfield),
        django_capture_on_commit_callbacks,
    )
    assert pack.is_draft
    pages = pdf_pages(pack)
    assert all("DRAFT" in page for page in pages)
    assert "has not been approved" in pages[0]


def test_the_pack_page_shows_progress_then_the_download(northfield, client_for):
    qm = client_for(person("qm@northfield.demo.example"))
    assessment = in_progress(northfield)
    queued = EvidencePack.unscoped.create(
        organisation=northfield,
        assessment=assessment,
        is_draft=True,
        progress=40,
        status=PackStatus.RENDERING,
        stage="Laying out the pages",
    )
    url = reverse(
        "reporting:pack_status", kwargs={"org_slug": northfield.slug, "pack_code": queued.code}
    )
    fragment = qm.get(url).content.decode()
    assert 'data-hx-trigger="every 1s"' in fragment and "Laying out the pages (40%)" in fragment
    ready = EvidencePack.unscoped.filter(organisation=northfield, status=PackStatus.READY).first()
    url = reverse(
        "reporting:pack_status", kwargs={"org_slug": northfield.slug, "pack_code": ready.code}
    )
    fragment = qm.get(url).content.decode()
    assert "data-hx-trigger" not in fragment and "Download the PDF" in fragment
    download = qm.get(
        reverse(
            "reporting:pack_download",
            kwargs={"org_slug": northfield.slug, "pack_code": ready.code},
        )
    )
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")


def test_a_failed_render_shows_the_error_not_a_blank_page(
    northfield, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    import reporting.packs

    def broken(html):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(reporting.packs, "render_pdf", broken)
    qm = client_for(person("qm@northfield.demo.example"))
    pack = generate(qm, northfield, in_progress(northfield), django_capture_on_commit_callbacks)
    assert pack.status == PackStatus.FAILED
    page = qm.get(
        reverse(
            "reporting:pack_detail", kwargs={"org_slug": northfield.slug, "pack_code": pack.code}
        )
    ).content.decode()
    assert "could not be generated" in page and "fonts missing" in page


def test_earlier_packs_stay_listed(northfield, client_for, django_capture_on_commit_callbacks):
    leader = client_for(person("leader@northfield.demo.example"))
    assessment = approved(northfield)
    before = EvidencePack.unscoped.filter(assessment=assessment).count()
    generate(leader, northfield, assessment, django_capture_on_commit_callbacks)
    page = leader.get(
        reverse(
            "reporting:pack_list",
            kwargs={"org_slug": northfield.slug, "assessment_code": assessment.code},
        )
    ).content.decode()
    assert EvidencePack.unscoped.filter(assessment=assessment).count() == before + 1
    assert page.count("/packs/") >= before + 1


def share(client, org, pack, **data):
    url = reverse("reporting:share_create", kwargs={"org_slug": org.slug, "pack_code": pack.code})
    response = client.post(url, {"recipient": "Lead inspector", "days": 14, **data})
    token = response.context.get("new_url", "").rstrip("/").rsplit("/", 1)[-1]
    return response, token


def ready_pack(org) -> EvidencePack:
    return EvidencePack.unscoped.filter(organisation=org, status=PackStatus.READY).first()


def test_a_share_link_opens_the_pdf_without_an_account_and_logs_each_access(
    northfield, client_for, client
):
    qm = client_for(person("qm@northfield.demo.example"))
    pack = ready_pack(northfield)
    response, token = share(qm, northfield, pack)
    assert response.status_code == 201 and "Copy this link now" in response.content.decode()
    link = PackShareLink.unscoped.get(pack=pack, recipient="Lead inspector")
    assert token not in link.token_hash  # only the hash is stored
    assert link.expires_at - timezone.now() > timedelta(days=13)

    opened = client.get(f"/p/{token}/", HTTP_USER_AGENT="InspectorBrowser/1.0")
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert "no-store" in opened["Cache-Control"]
    access = PackAccess.unscoped.get(link=link)
    assert access.user_agent == "InspectorBrowser/1.0" and access.ip_address == "127.0.0.1"
    assert opened["Referrer-Policy"] == "no-referrer" and "noindex" in opened["X-Robots-Tag"]
    link.refresh_from_db()
    assert link.last_used_at is not None
    assert link.last_used_at >= access.created_at - timedelta(seconds=1)
    page = qm.get(
        reverse(
            "reporting:pack_detail", kwargs={"org_slug": northfield.slug, "pack_code": pack.code}
        )
    ).content.decode()
    assert "InspectorBrowser/1.0" in page and "1 time" in page


def test_expired_revoked_and_wrong_links_get_a_clear_page(northfield, client_for, client):
    qm = client_for(person("qm@northfield.demo.example"))
    pack = ready_pack(northfield)
    _, token = share(qm, northfield, pack, days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        expired = client.get(f"/p/{token}/")
    assert expired.status_code == 410 and "expired" in expired.content.decode()

    _, token = share(qm, northfield, pack)
    link = PackShareLink.unscoped.filter(pack=pack).latest("created_at")
    qm.post(
        reverse(
            "reporting:share_revoke",
            kwargs={"org_slug": northfield.slug, "pack_code": pack.code, "share_code": link.code},
        )
    )
    revoked = client.get(f"/p/{token}/")
    assert revoked.status_code == 410 and "withdrawn" in revoked.content.decode()
    link.refresh_from_db()
    assert link.revoked_by == person("qm@northfield.demo.example")
    wrong = client.get("/p/not-a-real-token/")
    assert wrong.status_code == 404 and "not valid" in wrong.content.decode()
    assert not PackAccess.unscoped.filter(link=link).exists()


def test_share_days_are_validated(northfield, client_for):
    qm = client_for(person("qm@northfield.demo.example"))
    response, _ = share(qm, northfield, ready_pack(northfield), days=365)
    assert response.status_code == 400
    assert "less than or equal to 90" in response.content.decode()


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("qm@northfield.demo.example", True),
        ("leader@northfield.demo.example", True),
        ("staff@northfield.demo.example", False),
        ("viewer@northfield.demo.example", False),
    ],
)
def test_who_may_generate_packs(northfield, client_for, email, allowed):
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": northfield.slug, "assessment_code": approved(northfield).code},
    )
    assert (client_for(person(email)).get(url).status_code == 200) is allowed


def test_the_excel_export_has_the_self_evaluation_and_the_action_plan(northfield, client_for):
    assessment = approved(northfield)
    response = client_for(person("viewer@northfield.demo.example")).get(
        reverse(
            "reporting:assessment_xlsx",
            kwargs={"org_slug": northfield.slug, "assessment_code": assessment.code},
        )
    )
    assert response.status_code == 200
    assert response.streaming  # served from a temporary file, not built in memory
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Self-evaluation", "Action plan"]
    header = workbook["Action plan"]["A1"]
    assert header.font.bold and header.alignment.wrap_text  # the shared styles were applied
    assert workbook["Action plan"]["A2"].alignment.wrap_text
    assert workbook["Action plan"].freeze_panes == "A2"
    rows = list(workbook["Self-evaluation"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Criterion", "Benchmark", "Statement", "Level")
    assert len(rows) == 1 + assessment.responses.count()
    assert workbook["Action plan"].max_row > 1


def test_the_excel_export_neutralises_formulas(northfield):
    from reporting.exports import _safe

    assert _safe('=HYPERLINK("http://evil")').startswith("'=")
    assert _safe("Ordinary text") == "Ordinary text"
