"""Benchmarks that apply only when the organisation's profile says so (`applies_when`): the
subcontractor criterion for providers that subcontract, C3.5 for providers in several regions."""

import pytest

from frameworks.library import LibraryError, parse_library_text
from frameworks.services import LIBRARY_DIR, framework_load, subscription_set
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.frameworks.sample import SAMPLE

pytestmark = pytest.mark.django_db

CRITERION_WIDE = SAMPLE.replace(
    "  - code: C2\n    title: Speakers\n",
    "  - code: C2\n    title: Speakers\n    applies_when: [subcontracts]\n"
    '    not_applicable_reason: "You said you do not subcontract."\n',
).replace('version: "1.0"', 'version: "1.0-when"')


def test_a_criterion_gives_its_benchmarks_its_conditions_and_reason():
    data = parse_library_text(CRITERION_WIDE)
    by_code = {b["code"]: b for c in data["criteria"] for b in c["benchmarks"]}
    assert by_code["C2.1"]["applies_when"] == ["subcontracts"]
    assert by_code["C2.1"]["na_reason"] == "You said you do not subcontract."
    assert by_code["C1.1"]["applies_when"] == []


def test_an_unknown_condition_is_refused_with_its_line():
    broken = CRITERION_WIDE.replace("[subcontracts]", "[has_a_minibus]")
    with pytest.raises(LibraryError) as refused:
        parse_library_text(broken)
    line = broken.splitlines().index("    applies_when: [has_a_minibus]") + 1
    assert any(
        p.line == line and "'has_a_minibus' is not a profile condition" in p.message
        for p in refused.value.problems
    )


def test_a_condition_needs_a_reason():
    broken = CRITERION_WIDE.replace(
        '    not_applicable_reason: "You said you do not subcontract."\n', ""
    )
    with pytest.raises(LibraryError, match="needs a 'not_applicable_reason'"):
        parse_library_text(broken)


def test_the_built_in_2026_3_switches_off_c8_and_c3_5_by_profile():
    data = parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text())
    when = {b["code"]: b["applies_when"] for c in data["criteria"] for b in c["benchmarks"]}
    assert {code for code, conditions in when.items() if conditions} == {
        "C3.5",
        *(f"C8.{n}" for n in range(1, 7)),
    }
    assert when["C3.5"] == ["several_regions"]


@pytest.mark.parametrize(
    ("subcontracts", "not_applicable"),
    [(False, True), (True, False), (None, False)],  # not stated yet counts as yes
)
def test_a_new_self_evaluation_reads_the_profile(org, qm, subcontracts, not_applicable):
    version, _ = framework_load(text=CRITERION_WIDE)
    subscription_set(organisation=org, frameworks=[version.framework])
    org.subcontracts_delivery = subcontracts
    org.save()

    assessment = start(org, version, qm)

    with tenant_scope(org):
        responses = {r.benchmark.code: r for r in assessment.responses.select_related("benchmark")}
    assert responses["C2.1"].not_applicable is not_applicable
    assert responses["C2.1"].na_justification == (
        "You said you do not subcontract." if not_applicable else ""
    )
    assert responses["C1.1"].not_applicable is False
