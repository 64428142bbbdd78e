"""The suppression rule on every page and in the pack that shows referral figures.

In the demo world (Northfield's small figures, Riverside's by site) each holder opens every page
showing the figures outside the DSL's own page; every referral figure found there must be 0, 5
or more, "fewer than 5" or "not recorded", never 1 to 4. The evidence pack's PDF text is held to
the same rule. The DSL's own page does show the exact figures (so the check has something to
catch).
"""

import re
from io import BytesIO

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.models import Assessment
from reporting.models import EvidencePack, PackStatus
from tenancy.models import Organisation
from tenancy.scope import tenant_scope
from tests.factories import signed_in_client

pytestmark = pytest.mark.django_db

ALLOWED_WORDS = {"fewer than 5", "not recorded"}
CELL = r"(?:fewer than 5|not recorded|\d+)"
HOLDERS = {
    "northfield-training": ["qm", "leader", "staff", "viewer", "dsl"],
    "riverside-college": ["qm", "leader", "staff", "viewer"],
}
DOMAIN = {
    "northfield-training": "northfield.demo.example",
    "riverside-college": "riverside.demo.example",
}


def _allowed(token: str) -> bool:
    token = " ".join(token.split())
    return token in ALLOWED_WORDS or (token.isdigit() and (int(token) == 0 or int(token) >= 5))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def referral_figures_in(html: str) -> list[str]:
    """Every referral figure a page shows: trend table cells, chart text and signal text."""
    found = []
    for table in re.findall(r'<table class="[^"]*referral-trend.*?</table>', html, re.S):
        found += [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)]
    for label in re.findall(r'aria-label="Prevent concerns raised and referrals made[^"]*"', html):
        found += re.findall(r"(?:Concerns raised|Referrals made) ([^,;\"]+)", label)
    for svg in re.findall(r'<svg[^>]*aria-label="Prevent concerns raised.*?</svg>', html, re.S):
        found += [t for t in re.findall(r">([^<]+)</text>", svg) if t.strip().isdigit()]
    text = _text(html)
    found += [
        t for pair in re.findall(rf"({CELL}) concerns, ({CELL}) referrals", text) for t in pair
    ]
    return found


def test_the_check_catches_a_small_figure():
    html = (
        '<table class="stack-table referral-trend"><tr><td class="num">3</td>'
        '<td class="num">fewer than 5</td><td>12</td></tr></table>'
        "<p>Summer term 2025/26: 2 concerns, 0 referrals.</p>"
    )
    figures = referral_figures_in(html)
    assert figures == ["3", "fewer than 5", "12", "2", "0"]
    assert [f for f in figures if not _allowed(f)] == ["3", "2"]


def _pages(organisation: Organisation) -> list[str]:
    kwargs = {"org_slug": organisation.slug}
    with tenant_scope(organisation):
        assessment = Assessment.objects.order_by("-created_at").first()
    assert assessment is not None
    pages = [
        reverse("referrals:index", kwargs=kwargs),
        reverse("reporting:dashboard", kwargs=kwargs),
    ]
    pages.append(
        reverse("assessments:respond", kwargs={**kwargs, "assessment_code": assessment.code})
    )
    return pages


def _user(email):
    return get_user_model().objects.get(email=email)


@pytest.mark.parametrize("slug", list(HOLDERS))
def test_no_page_outside_the_dsls_shows_a_figure_from_one_to_four(slug, demo_world):
    organisation = Organisation.objects.get(slug=slug)
    seen_suppressed = False
    for local in HOLDERS[slug]:
        client = signed_in_client(_user(f"{local}@{DOMAIN[slug]}"))
        for url in _pages(organisation):
            response = client.get(url)
            if response.status_code == 403:
                continue  # a page this holder may not see shows them nothing
            assert response.status_code == 200, url
            figures = referral_figures_in(response.content.decode())
            leaks = [f for f in figures if not _allowed(f)]
            assert not leaks, (local, url, leaks)
            seen_suppressed |= "fewer than 5" in figures
    assert seen_suppressed  # the pages did show the (suppressed) figures


def test_the_account_managers_pages_follow_the_rule(demo_world, client_for):
    client = client_for(_user("am@demo.example"))
    cockpit = client.get(reverse("reporting:cockpit")).content.decode()
    assert "Referral figures: last term missing" in cockpit  # Northfield's last term
    assert "Referral figures up to date" in cockpit  # Riverside's
    assert not referral_figures_in(cockpit)  # the cockpit shows no figure at all
    for slug in HOLDERS:
        for url in _pages(Organisation.objects.get(slug=slug)):
            response = client.get(url)
            if response.status_code == 200:
                leaks = [
                    f for f in referral_figures_in(response.content.decode()) if not _allowed(f)
                ]
                assert not leaks, (url, leaks)


def test_the_dsls_own_page_has_the_exact_figures(demo_world, client_for):
    northfield = Organisation.objects.get(slug="northfield-training")
    client = client_for(_user("dsl@northfield.demo.example"))
    page = client.get(reverse("referrals:figures", kwargs={"org_slug": northfield.slug}))
    text = _text(page.content.decode())
    # Two terms ago Northfield recorded 4 concerns, 1 referral, 1 adopted (demo.seed_referrals).
    assert re.search(r"term \d{4}/\d\d 4 1 1 0 0 ", text), text


def _pack_text(organisation: Organisation) -> str:
    with tenant_scope(organisation):
        pack = EvidencePack.objects.filter(status=PackStatus.READY).latest("created_at")
        with pack.file.open("rb") as handle:
            reader = pypdf.PdfReader(BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("slug", list(HOLDERS))
def test_the_pack_shows_the_trend_by_the_same_rule(slug, demo_world):
    text = _pack_text(Organisation.objects.get(slug=slug))
    start = text.index("Prevent concerns and referrals")
    section = text[start : start + 3000]
    rows = re.findall(
        rf"(?:Autumn|Spring|Summer) term \d{{4}}/\d\d(?: \(in progress\))?((?: {CELL}){{5}})",
        section,
    )
    assert len(rows) == 6, section
    cells = [c for row in rows for c in re.findall(CELL, row)]
    assert not [c for c in cells if not _allowed(c)], section
    assert "fewer than 5" in cells
