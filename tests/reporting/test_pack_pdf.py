"""The evidence pack as a document that lasts and that everyone can read: a tagged PDF/A-3u.

One render of the demo's signed-off pack (Northfield), read back with pikepdf: the logical
structure a screen reader walks (headings, tables with scoped header cells, every chart a
Figure whose alternative text states its figures), the language, and the PDF/A identification.
"""

import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from io import BytesIO

import pikepdf
import pytest

from assessments.models import Assessment, Status
from reporting.packs import build_pack_context
from reporting.pdf_output import render_pdf
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

pytestmark = pytest.mark.django_db  # the module's fixture seeds the demo (rolled back after it)


@pytest.fixture(scope="module")
def pack(django_db_setup, django_db_blocker) -> dict:
    """The signed-off demo pack: its PDF and the context it was printed from."""
    from django.db import transaction
    from django.template.loader import render_to_string

    from tests.demo_snapshot import demo_world_build

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_world_build(packs=False)
            organisation = Organisation.objects.get(slug="northfield-training")
            with tenant_scope(organisation):
                assessment = Assessment.objects.get(status=Status.APPROVED)
                context = build_pack_context(assessment)
                html = render_to_string("reporting/pdf/pack.html", context)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    pdf, _ = render_pdf(html)
    return {"pdf": pdf, "context": context}


@pytest.fixture(scope="module")
def document(pack) -> pikepdf.Pdf:
    return pikepdf.open(BytesIO(pack["pdf"]))


def elements(document: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, depth first: the order assistive technology reads them."""
    pending = [document.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            kids = [kids]
        children = [k for k in (kids or []) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        pending.extend(reversed(children))
        if "/S" in node:
            yield node


def of_type(document: pikepdf.Pdf, *types: str) -> list[pikepdf.Dictionary]:
    return [e for e in elements(document) if str(e.S) in types]


def test_pdfinfo_reports_a_tagged_pdf(pack, tmp_path):
    if not shutil.which("pdfinfo"):
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is missing (apt-get install poppler-utils)")
        pytest.skip("pdfinfo is missing")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "Metadata Stream: yes" in info.stdout


def test_the_language_marking_and_pdf_a_identification(document):
    assert str(document.Root.Lang) == "en-GB"
    assert document.Root.MarkInfo.Marked is True
    assert document.Root.ViewerPreferences.DisplayDocTitle is True
    with document.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "3"
        assert xmp["pdfaid:conformance"] == "U"
        assert xmp["dc:title"] == "Prevent evidence pack: Northfield Training"
        assert xmp["xmp:CreateDate"]
    [intent] = document.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and "sRGB" in str(intent.OutputConditionIdentifier)


def test_headings_form_an_outline_without_skipped_levels(document, pack):
    headings = [int(str(e.S)[2:]) for e in of_type(document, "/H1", "/H2", "/H3", "/H4")]
    assert headings[0] == 1 and headings.count(1) == 1  # the provider's name, on the cover
    criteria = len(pack["context"]["sections"])
    # Contents, inspection briefing, summary, one per criterion, action plan, Prevent registers,
    # subcontractors, and the two appendices (sources, change history).
    assert headings.count(2) == criteria + 8
    for previous, current in itertools.pairwise(headings):
        assert current <= previous + 1, f"H{previous} is followed by H{current}"


def test_reading_order_follows_the_pages(document):
    page_numbers = {page.objgen: n for n, page in enumerate(document.pages)}
    order = [page_numbers[e.Pg.objgen] for e in elements(document) if "/Pg" in e]
    assert order == sorted(order)  # never back to an earlier page
    assert set(order) == set(range(len(document.pages)))  # and every page is read


def test_tables_have_header_cells_scoped_to_their_rows_or_columns(document):
    tables = of_type(document, "/Table")
    assert len(tables) >= 10
    for table in tables:
        headers = [e for e in elements_under(table) if e.S == "/TH"]
        assert headers, "a table without header cells"
        for header in headers:
            assert header.A.Scope in ("/Column", "/Row")
    cover = tables[0]  # the cover's facts: a header at the start of each row
    assert {str(h.A.Scope) for h in elements_under(cover) if h.S == "/TH"} == {"/Row"}
    column_headers = [h for h in of_type(document, "/TH") if h.P.P.S == "/THead"]
    assert column_headers and all(h.A.Scope == "/Column" for h in column_headers)
    cells = of_type(document, "/TD")
    assert all(len(cell.A.Headers) >= 1 for cell in cells)  # each data cell names its headers


def elements_under(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    for kid in element.get("/K", []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements_under(kid)


def test_every_chart_is_a_figure_whose_alternative_text_states_its_figures(document, pack):
    context = pack["context"]
    figures = [str(f.get("/Alt", "")) for f in of_type(document, "/Figure")]
    # The three of every pack, the cycle trend from the second cycle on, and the referral
    # figures' chart once any term's figures are recorded.
    expected_charts = 3 + (len(context["trend"]) > 1) + bool(context["referrals"]["chart"])
    assert len(figures) == expected_charts and all(figures)
    profile, heatmap, actions = figures[:3]
    for segment in context["profile"]:
        assert f"{segment.label} {segment.value}" in profile
    for section in context["sections"]:
        for response in section["responses"]:
            label = "not applicable" if response["not_applicable"] else response["level_label"]
            assert f"{response['benchmark']}: {label or 'not rated'}" in heatmap
    for segment in context["action_segments"]:
        assert f"{segment.label} {segment.value}" in actions


def test_lists_are_tagged_as_lists(document):
    lists = of_type(document, "/L")
    assert lists and all(any(k.S == "/LI" for k in elements_under(lst)) for lst in lists)
