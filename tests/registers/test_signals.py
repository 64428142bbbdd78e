"""Register signals: named per benchmark in the framework file, shown on the respond page,
checked against the level claimed, and citable as evidence without an upload."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from assessments.checks import judgement_checks
from assessments.models import Response
from assessments.services import ResponseChange, response_save
from frameworks.library import LibraryError, parse_library_text
from frameworks.models import Benchmark
from frameworks.register_signals import known_signal_keys, signals_for
from frameworks.services import LIBRARY_DIR
from registers.models import Risk
from tenancy.scope import tenant_scope
from tests.registers.conftest import make_risk

pytestmark = pytest.mark.django_db
BUILTIN = (LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text()  # the current version


def test_the_builtin_framework_names_the_signals_of_its_benchmarks():
    data = parse_library_text(BUILTIN)
    signals = {b["code"]: b["signals"] for c in data["criteria"] for b in c["benchmarks"]}
    assert signals["C6.4"] == ["risk_register.review"]
    assert signals["C2.4"] == ["event_log.sampling"]
    assert {k for keys in signals.values() for k in keys} == known_signal_keys()


def test_format_documents_every_signal():
    text = (Path(LIBRARY_DIR) / "FORMAT.md").read_text()
    assert all(f"`{key}`" in text for key in known_signal_keys())


def test_the_loader_names_an_unknown_signal_and_its_line():
    text = BUILTIN.replace("signals: [risk_register.review]", "signals: [risk_register.reveiw]", 1)
    with pytest.raises(LibraryError) as caught:
        parse_library_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "reveiw" in row)
    assert (
        f"Line {line}: Benchmark C6.4: there is no register signal 'risk_register.reveiw'"
        in str(caught.value)
    )


def test_a_stale_register_says_so(org, qm, today):
    risk = make_risk(
        org, qm, likelihood=5, impact=4, residual_likelihood=4, residual_impact=4, further_action=""
    )
    Risk.unscoped.filter(pk=risk.pk).update(
        last_reviewed_on=today - timedelta(days=427), next_review_date=today - timedelta(days=62)
    )
    with tenant_scope(org):
        live = signals_for(org, ["risk_register.review", "risk_register.actions"], today)
    review, actions = live["risk_register.review"], live["risk_register.actions"]
    assert review.summary == (
        "Risk register last reviewed 14 months ago; 1 risk is past its review date."
    )
    assert not review.ok
    assert "1 high risk without a further action" in actions.summary


@pytest.fixture
def c64(demo_world, db):
    """Northfield's open self-evaluation's C6.4 response (the demo register is stale)."""
    response = Response.unscoped.select_related("assessment__organisation", "benchmark").get(
        assessment__organisation__slug="northfield-training",
        assessment__status="draft",
        benchmark__code="C6.4",
    )
    return response


def test_the_respond_page_shows_the_live_state_beside_the_rating(c64, client_for):
    from django.contrib.auth import get_user_model

    qm = get_user_model().objects.get(email="qm@northfield.demo.example")
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": "northfield-training", "assessment_code": c64.assessment.code},
    )
    page = client_for(qm).get(url + "?criterion=C6").content.decode()
    assert "Live from your registers" in page
    assert "Risk register last reviewed 14 months ago" in page
    assert "2 high risks after controls; 2 high risks without a further action" in page
    assert "Or cite a live register" in page


def test_a_strong_level_on_a_stale_register_is_flagged_and_citing_counts_as_evidence(c64):
    organisation = c64.assessment.organisation
    with tenant_scope(organisation):
        response_save(
            response=c64,
            change=ResponseChange(
                level=1,
                confidence="green",
                strengths="Reviewed well.",
                registers_cited=["risk_register"],
            ),
            expected_revision=None,
            by=None,
        )
        findings = [f for f in judgement_checks(c64.assessment) if f.benchmark_code == "C6.4"]
    kinds = {f.kind for f in findings}
    assert "register_contradicts" in kinds
    assert "no_evidence" not in kinds  # the cited register is the evidence
    message = next(f.message for f in findings if f.kind == "register_contradicts")
    assert (
        "prevent risk register says: The risk register was last reviewed 14 months ago" in message
    )


def test_only_a_register_that_informs_the_benchmark_can_be_cited(c64):
    from django.core.exceptions import ValidationError

    with tenant_scope(c64.assessment.organisation), pytest.raises(ValidationError):
        response_save(
            response=c64,
            change=ResponseChange(level=2, confidence="green", registers_cited=["event_log"]),
            expected_revision=None,
            by=None,
        )


def test_benchmarks_store_their_signals(demo_world, db):
    assert Benchmark.objects.filter(code="C2.2").first().signals == ["event_log.approvals"]
