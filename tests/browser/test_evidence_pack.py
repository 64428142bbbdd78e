"""Evidence packs in a real browser: the leader generates one, watches its progress, downloads
the PDF, and shares it; the dashboard's charts render."""

import re
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LEADER = "leader@northfield.demo.example"


def test_a_leader_generates_downloads_and_shares_a_pack(page, sign_in, tmp_path):
    sign_in(LEADER)
    nav = page.get_by_role("navigation", name="Northfield Training")
    nav.get_by_role("link", name="Self-evaluations").click()
    page.get_by_role("link", name=re.compile(r"annual Prevent self-assessment")).first.click()
    page.get_by_role("link", name="Evidence packs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence packs")

    # Tasks run in-process in tests, so the click returns once the PDF has rendered.
    page.get_by_role("button", name="Generate a new pack").click(timeout=90_000)
    status = page.locator("#pack-status")
    expect(status).to_contain_text("Ready", timeout=60_000)
    expect(status).to_contain_text("pages")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    reader = pypdf.PdfReader(saved)
    assert len(reader.pages) > 10
    assert "Northfield Training" in reader.pages[0].extract_text()

    page.get_by_label("Who is it for?").fill("Lead inspector")
    page.get_by_role("button", name="Create a link").click()
    link = page.get_by_label(re.compile("Link for Lead inspector")).input_value()
    assert "/p/" in link
    expect(page.get_by_role("cell", name="Lead inspector")).to_be_visible()


def test_the_dashboard_renders_its_charts(page, sign_in):
    sign_in(LEADER)
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    charts = page.locator("svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 2
    assert all(charts.nth(i).get_attribute("aria-label") for i in range(charts.count()))
