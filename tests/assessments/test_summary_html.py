"""The summary's heatmap and gaps rows drawn in Python (`assessments.summary_html`) read as the
template loops that drew them did: `summary_rows_reference.html` and
`summary_gaps_reference.html` are those loops, kept here as the reference. Change both
together. They differ only in the whitespace between tags."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessments.summary import build_summary
from assessments.summary_html import gap_rows, heatmap_rows
from frameworks.models import Benchmark, Criterion
from reporting.readiness import _tally
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.assessments.workflow.helpers import save

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).parent / "summary_rows_reference.html").read_text()
GAPS_REFERENCE = (Path(__file__).parent / "summary_gaps_reference.html").read_text()
LONG_STATEMENT = "Staff <em>know</em> how to raise a concern, " + "and who to tell, " * 8
HOSTILE = 'Policy <b>& "review"</b> O\'Neil'
RESPOND_URL = "/o/a-provider/assessments/1234/respond/"


@pytest.fixture
def assessment(org, qm, subscribed):
    Criterion.objects.filter(version=subscribed, code="C1").update(
        title=HOSTILE, title_cy="Polisi <i>ac</i> adolygu"
    )
    Benchmark.objects.filter(version=subscribed, code="C1.2").update(text=LONG_STATEMENT)
    assessment = start(org, subscribed, qm)
    save(assessment, "C1.1", qm, level=1, confidence="green")
    save(assessment, "C1.2", qm, level=3, confidence="amber", improvements="Date <each>\npolicy.")
    save(assessment, "C2.1", qm, not_applicable=True, na_justification="No subcontracts.")
    return assessment


def _between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_rows_read_as_the_template_wrote_them(org, assessment, language):
    with translation.override(language), tenant_scope(org):
        summary = build_summary(assessment)
        expected = (
            engines["django"]
            .from_string(REFERENCE)
            .render({"summary": summary, "respond_url": RESPOND_URL})
        )
        drawn = heatmap_rows(summary["rows"], respond_url=RESPOND_URL)
    assert _between_tags(drawn) == _between_tags(expected)
    assert drawn.count("<tr>") == 2


def test_hostile_titles_are_escaped_and_links_name_the_criterion(org, assessment):
    with tenant_scope(org):
        drawn = heatmap_rows(build_summary(assessment)["rows"], respond_url=RESPOND_URL)
    assert "<b>" not in drawn
    assert "Policy &lt;b&gt;&amp; &quot;review&quot;&lt;/b&gt; O&#x27;Neil" in drawn
    assert f'href="{RESPOND_URL}?criterion=C2"' in drawn
    assert f'href="{RESPOND_URL}?criterion=C1#response-' in drawn


def test_each_cell_is_described_in_the_active_language(org, qm, assessment):
    with tenant_scope(org):
        assessment.responses.filter(benchmark__code="C1.2").update(
            level=None, confidence="", carried_forward=True
        )
        with translation.override("cy"):
            drawn = heatmap_rows(build_summary(assessment)["rows"], respond_url=RESPOND_URL)
            profile = {p["key"]: p["label"] for p in build_summary(assessment)["profile"]}
    assert 'title="C2.1: Amherthnasol"' in drawn
    assert 'title="C1.2: I&#x27;w adolygu"' in drawn
    assert "; hyder yn y dystiolaeth: " in drawn
    assert "Polisi &lt;i&gt;ac&lt;/i&gt; adolygu" in drawn
    assert "Not applicable" not in drawn
    assert profile["na"] == "Amherthnasol"
    assert profile["unrated"] == "Heb ei raddio eto"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_gap_rows_read_as_the_template_wrote_them(org, assessment, language):
    with tenant_scope(org):
        # A gap with no level (resting on red evidence) and one with no areas for improvement.
        assessment.responses.filter(benchmark__code="C1.1").update(level=None, confidence="red")
    with translation.override(language), tenant_scope(org):
        summary = build_summary(assessment)
        expected = engines["django"].from_string(GAPS_REFERENCE).render({"summary": summary})
        drawn = gap_rows(summary["gaps"])
    assert _between_tags(drawn) == _between_tags(expected)
    assert drawn.count("<tr>") == 2
    assert "Date &lt;each&gt;<br>policy." in drawn
    assert "<em>" not in drawn and " …</span>" in drawn
    assert ("Heb ei raddio" if language == "cy" else "Not rated") in drawn


def test_the_summary_reads_only_its_fields_in_one_query(org, assessment):
    """`SUMMARY_FIELDS` names what is read: a field it leaves out would be loaded by a query per
    response, here and on the dashboard's readiness panel."""
    with tenant_scope(org), CaptureQueriesContext(connection) as queries:
        summary = build_summary(assessment)
        heatmap_rows(summary["rows"], respond_url=RESPOND_URL)
        gap_rows(summary["gaps"])
        _tally(summary)
    assert len(queries) == 1
    assert summary["gaps"] and summary["total"] == 3
