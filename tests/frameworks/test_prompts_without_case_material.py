"""Framework 2026.3's evidence prompts ask for evidence that a process works (counts, dates, what
changed), never for a learner's case: case material stays in the safeguarding case system."""

import pytest

from frameworks.library import parse_library_text
from frameworks.services import LIBRARY_DIR

# Phrases that invite case material into an evidence library.
INVITING = (
    "confidential concerns",
    "concerns log",
    "referral log",
    "channel panel records",
    "briefing notes",
    "alert logs",
    "records of concerns",
    "records of bypass",
    "follow-up records for concerns",
    "records of handovers",
    "review of referrals and incidents",
    "such as emails",
    "notes of reviews held after incidents",
    "case notes",
    "case files",
)
REWORDED_HERE = {"C1.5", "C6.4", "C10.3", "C10.4", "C10.5"}


@pytest.fixture(scope="module")
def benchmarks():
    data = parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text())
    return [b for c in data["criteria"] for b in c["benchmarks"]]


def test_no_evidence_prompt_invites_case_material(benchmarks):
    inviting = [
        f"{b['code']}: {prompt}"
        for b in benchmarks
        for prompt in b["evidence_prompts"]
        if any(phrase in prompt.lower() for phrase in INVITING)
        and "no case details" not in prompt.lower()
        and "not the briefing itself" not in prompt.lower()
        and "who can see" not in prompt.lower()
    ]
    assert not inviting


def test_each_reworded_benchmark_says_what_changed(benchmarks):
    by_code = {b["code"]: b for b in benchmarks}
    for code in REWORDED_HERE:
        assert "no longer invites case material" in by_code[code]["changes"], code
