"""The 2026.2 built-in Prevent framework: sources for every benchmark, report-card areas,
provider-type applicability, suggested actions and due dates by urgency, all from the file."""

from collections import Counter

import pytest

from frameworks.library import parse_library_text
from frameworks.services import LIBRARY_DIR

RETIRED = ("outstanding", "good", "requires improvement", "inadequate")


@pytest.fixture(scope="module")
def data():
    return parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.2.yaml").read_text())


def benchmarks(data):
    return [b for c in data["criteria"] for b in c["benchmarks"]]


def test_it_has_ten_criteria_and_fifty_two_benchmarks(data):
    assert data["version"] == "2026.2"
    assert [c["code"] for c in data["criteria"]] == [f"C{n}" for n in range(1, 11)]
    assert len(benchmarks(data)) == 52


def test_every_benchmark_cites_a_source_a_report_card_area_and_a_specific_action(data):
    sources = {s["key"] for s in data["sources"]}
    areas = {a["key"] for a in data["report_card_areas"]}
    for b in benchmarks(data):
        assert b["where_from"], b["code"]
        assert {w["source"] for w in b["where_from"]} <= sources
        assert b["report_card"] and set(b["report_card"]) <= areas, b["code"]
        assert b["suggested_actions"], b["code"]
        assert b["key"] == b["code"], "2026.1 had no keys; its codes are the stable keys"
    titles = Counter(a for b in benchmarks(data) for a in b["suggested_actions"])
    assert max(titles.values()) == 1, "no two benchmarks share a suggested action"


def test_british_values_learner_engagement_and_the_apprentice_journey_are_covered(data):
    sat_areas = {a for b in benchmarks(data) for a in b["dfe_area"]}
    assert {"British values", "Learner engagement"} <= sat_areas
    apprentice = next(c for c in data["criteria"] if c["code"] == "C10")
    assert all(b["applies_to"] for b in apprentice["benchmarks"])
    assert all("itp" in b["applies_to"] for b in apprentice["benchmarks"])


def test_levels_describe_practice_and_rag_is_as_dfe_defines_it(data):
    levels = data["scale"]["levels"]
    assert not any(level["label"].lower() in RETIRED for level in levels)
    rag = {o["value"]: o for o in data["scale"]["confidence"]}
    assert "gaps or shortcomings in practice" in rag["red"]["description"].lower()
    assert "doubts" in rag["amber"]["description"].lower()
    assert "business as usual" in rag["green"]["description"].lower()
    # Urgent gaps are dated in weeks, not three months.
    assert levels[3]["due_days"] == 28 and rag["red"]["due_days"] == 28


def test_the_statements_the_review_corrected_are_gone(data):
    # The `changes` notes quote what was replaced; everything a user reads as guidance must not.
    shown = [data["description"]] + [
        str([b["text"], b["guidance"], b["evidence_prompts"]]) for b in benchmarks(data)
    ]
    text = " ".join(shown)
    for stale in ("2016 safeguarding guidance", "DfE and local referral route", "ESFA funding"):
        assert stale not in text
    assert "Ofsted grade" not in text
    c66 = next(b for b in benchmarks(data) if b["code"] == "C6.6")
    assert "national Prevent referral form" in c66["text"]
    c81 = next(b for b in benchmarks(data) if b["code"] == "C8.1")
    assert "One contract's value cannot settle it" in c81["guidance"]


def test_what_could_not_be_confirmed_is_marked_in_the_data(data):
    unconfirmed = [s["key"] for s in data["sources"] if s["unconfirmed"]]
    assert {"A3", "A13", "A14"} <= set(unconfirmed)
    assert any(a["unconfirmed"] for a in data["report_card_areas"])
