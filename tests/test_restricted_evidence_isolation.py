"""Restricted evidence in the demo world, through every URL (walked from the resolver as the
isolation test does): a viewer, a contributor, a quality manager without the designation and
the account manager never see it, open it or learn that it exists; the DSL and a senior leader
can. Packs never carry it, whoever generates them."""

import uuid
from io import BytesIO

import pypdf
import pytest
from django.urls import reverse

from assessments.models import Assessment, Status
from core.access import ORGANISATION
from evidence.models import EvidenceDownload, EvidenceItem
from reporting.models import EvidencePack
from tenancy.models import Organisation
from tests.browser.shots import keep_file
from tests.factories import signed_in_client
from tests.isolation import url_values_for
from tests.urlwalk import routes_of_kind

pytestmark = pytest.mark.django_db

ORG_ROUTES = routes_of_kind(ORGANISATION)
NAMING_EVIDENCE = [r for r in ORG_ROUTES if "evidence_code" in r.kwargs]
# Pages that list things: every GET page of the organisation whose keywords the demo fills.
LISTING = [r for r in ORG_ROUTES if "GET" in r.allowed_methods]
OTHERS = {
    "viewer": "viewer@northfield.demo.example",
    "contributor": "staff@northfield.demo.example",
    "quality manager without the designation": "qm@northfield.demo.example",
    "account manager": "am@demo.example",
}
SEERS = {
    "designated safeguarding lead": "dsl@northfield.demo.example",
    "senior leader": "leader@northfield.demo.example",
}
LOG_TITLE = "Prevent referral and concerns log (held by the DSL)"


@pytest.fixture
def northfield(demo_world, db):
    return Organisation.objects.get(slug="northfield-training")


@pytest.fixture
def restricted(northfield):
    items = [i for i in EvidenceItem.unscoped.filter(organisation=northfield) if i.is_restricted]
    assert {i.title for i in items} >= {LOG_TITLE}, "seed_demo gives Northfield's DSL items"
    return items


def person(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _leaks(body: str, items: list[EvidenceItem]) -> list[str]:
    found = []
    for item in items:
        for text in (item.title, str(item.code), item.original_filename, item.description):
            if text and text in body:
                found.append(text)
    return found


def test_the_walk_finds_every_page_naming_an_item():
    assert {r.name for r in NAMING_EVIDENCE} >= {
        "evidence:detail",
        "evidence:edit",
        "evidence:download",
        "evidence:archive",
    }


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("route", NAMING_EVIDENCE, ids=lambda r: r.name)
def test_others_cannot_reach_a_restricted_item_by_any_url(route, who, northfield, restricted):
    """The answer for a restricted item's code is the answer for a code that does not exist
    (404 for those who may reach the page at all, the role's 403 otherwise): never a 200."""
    client = signed_in_client(person(OTHERS[who]))
    values = url_values_for(route, northfield)
    for item in restricted:
        for method in sorted(route.allowed_methods - {"HEAD"}):
            real = client.generic(method, route.url({**values, "evidence_code": str(item.code)}))
            made_up = client.generic(
                method, route.url({**values, "evidence_code": str(uuid.uuid4())})
            )
            assert real.status_code == made_up.status_code, (method, route.name, who)
            assert real.status_code in {403, 404}, (method, route.name, who)
            assert not _leaks(_body(real), [item])
    assert not EvidenceDownload.unscoped.filter(item__in=restricted).exists()


@pytest.mark.parametrize("who", OTHERS)
def test_no_page_lists_a_restricted_item_to_others(who, northfield, restricted):
    client = signed_in_client(person(OTHERS[who]))
    leaks = []
    for route in LISTING:
        response = client.get(route.url(url_values_for(route, northfield)))
        assert response.status_code < 500, route.name
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text"):
            found = _leaks(_body(response), restricted)
            leaks += [f"{route.name}: {text}" for text in found]
    assert not leaks


@pytest.mark.parametrize("who", SEERS)
def test_the_dsl_and_senior_leaders_see_and_download_it(who, northfield, restricted, client_for):
    user = person(SEERS[who])
    client = client_for(user)
    listing = client.get(reverse("evidence:list", kwargs={"org_slug": northfield.slug}))
    for item in restricted:
        assert item.title in listing.content.decode()
        kwargs = {"org_slug": northfield.slug, "evidence_code": item.code}
        assert client.get(reverse("evidence:detail", kwargs=kwargs)).status_code == 200
        download = client.get(reverse("evidence:download", kwargs=kwargs))
        assert download.status_code == 200
        assert EvidenceDownload.unscoped.filter(item=item, user=user).count() == 1


def _respond_url(assessment, criterion: str) -> str:
    kwargs = {"org_slug": assessment.organisation.slug, "assessment_code": assessment.code}
    return reverse("assessments:respond", kwargs=kwargs) + f"?criterion={criterion}"


def test_the_respond_page_counts_restricted_evidence_without_naming_it(
    northfield, restricted, client_for
):
    last_year = Assessment.unscoped.get(organisation=northfield, status=Status.APPROVED)
    for holder, email in OTHERS.items():
        response = client_for(person(email)).get(_respond_url(last_year, "C6"))
        page = response.content.decode()
        assert not _leaks(page, restricted)
        if holder == "account manager":  # sees no content at all without support access
            assert response.status_code == 403
            continue
        assert "Restricted evidence held by the DSL: 1 item" in page
    dsl_page = client_for(person(SEERS["designated safeguarding lead"]))
    assert LOG_TITLE in dsl_page.get(_respond_url(last_year, "C6")).content.decode()


def test_a_save_by_someone_who_cannot_see_it_keeps_it_linked(northfield, restricted, client_for):
    from assessments.models import Response

    current = Assessment.unscoped.get(organisation=northfield, status=Status.DRAFT)
    response = Response.unscoped.get(assessment=current, benchmark__code="C1.4")
    hidden = [e for e in response.evidence.all() if e.is_restricted]
    assert hidden, "the demo links the DSL's log to C1.4"
    client = client_for(person(OTHERS["quality manager without the designation"]))
    page = client.get(_respond_url(current, "C1")).content.decode()
    assert "Restricted evidence held by the DSL: 1 item" in page and LOG_TITLE not in page
    prefix = f"r-{response.code}"
    kwargs = {
        "org_slug": northfield.slug,
        "assessment_code": current.code,
        "response_code": response.code,
    }
    visible = [str(e.code) for e in response.evidence.all() if not e.is_restricted]
    data = {
        f"{prefix}-revision": response.revision,
        f"{prefix}-level": response.level,
        f"{prefix}-confidence": response.confidence,
        f"{prefix}-strengths": response.strengths + " Checked again.",
        f"{prefix}-improvements": response.improvements,
        f"{prefix}-evidence": visible,
    }
    saved = client.post(reverse("assessments:response_update", kwargs=kwargs), data)
    assert saved.status_code == 302
    response.refresh_from_db()
    assert response.strengths.endswith("Checked again.")
    assert set(hidden) <= set(response.evidence.all())


def _pack_text(client, assessment, capture) -> str:
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    with capture(execute=True):
        assert client.post(url).status_code == 302
    pack = EvidencePack.unscoped.filter(assessment=assessment).latest("created_at")
    with pack.file.open("rb") as handle:
        content = handle.read()
    keep_file(f"pack-{assessment.status}.pdf", content)  # to look at: pdftoppm -png -r 60
    pages = pypdf.PdfReader(BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize("status", [Status.APPROVED, Status.DRAFT])
def test_a_pack_never_carries_a_restricted_item(
    status, northfield, restricted, client_for, django_capture_on_commit_callbacks
):
    """Generated by the DSL herself: the pack goes to inspectors, so it counts, never names."""
    assessment = Assessment.unscoped.get(organisation=northfield, status=status)
    client = client_for(person(SEERS["designated safeguarding lead"]))
    text = _pack_text(client, assessment, django_capture_on_commit_callbacks)
    assert "Restricted evidence held by the DSL: 1 item" in text
    assert "Prevent and safeguarding policy" in text  # normal evidence is still there
    assert not _leaks(text, restricted)
    if status == Status.APPROVED:
        snapshot = str(assessment.snapshot)
        assert not _leaks(snapshot, restricted)
