"""What counts as a gap is the framework version's data, read in one place
(FrameworkVersion.is_gap / is_urgent_gap) by the summary, gaps-to-actions and the evidence pack.

The framework here flags other options than the sample one: level 2 is a gap and level 4 is not,
and its weakest confidence ("red") is no gap, so amber is the weakest gap option.
"""

import pytest

from actionplans.gaps import gap_suggestions
from actionplans.models import Priority
from assessments.services import ResponseChange, response_save
from assessments.summary import build_summary
from frameworks.services import framework_load, subscription_set
from reporting.packs import build_pack_context
from tenancy.scope import tenant_scope
from tests.assessments.helpers import start
from tests.frameworks.sample import sample

pytestmark = pytest.mark.django_db

OTHER_FLAGS = sample(
    "1.0-other-gaps",
    **{
        "{value: 2, label: Good, description: Fine, gap: false}": (
            "{value: 2, label: Good, description: Fine, gap: true}"
        ),
        "{value: 4, label: Inadequate, description: Poor, gap: true}": (
            "{value: 4, label: Inadequate, description: Poor, gap: false}"
        ),
        "{value: red, label: Gaps found, gap: true}": "{value: red, label: Gaps found, gap: false}",
    },
)

#: benchmark -> (level, confidence) as rated in the self-evaluation below
RATINGS = {"C1.1": (4, "red"), "C1.2": (2, "green"), "C2.1": (1, "amber")}


@pytest.fixture
def other_version(org):
    version, _ = framework_load(text=OTHER_FLAGS)
    subscription_set(organisation=org, frameworks=[version.framework])
    return version


@pytest.fixture
def rated(org, qm, other_version):
    assessment = start(org, other_version, qm)
    with tenant_scope(org):
        for response in assessment.responses.select_related("benchmark"):
            level, confidence = RATINGS[response.benchmark.code]
            response_save(
                response=response,
                change=ResponseChange(level=level, confidence=confidence),
                expected_revision=response.revision,
                by=qm,
            )
    return assessment


def test_the_version_reads_its_own_gap_flags(other_version, version):
    def gap(v, level, confidence, not_applicable=False):
        return v.is_gap(level=level, confidence=confidence, not_applicable=not_applicable)

    assert gap(other_version, 2, "green") and not gap(version, 2, "green")
    assert gap(version, 4, "green") and not gap(other_version, 4, "green")
    assert gap(version, 1, "red") and not gap(other_version, 1, "red")
    assert gap(other_version, 1, "amber") and gap(version, 1, "amber")
    assert not gap(other_version, None, "") and not gap(other_version, 2, "amber", True)

    assert other_version.is_urgent_gap(level=3, confidence="green")
    assert other_version.is_urgent_gap(level=1, confidence="amber")
    assert not other_version.is_urgent_gap(level=2, confidence="red")
    assert version.is_urgent_gap(level=4, confidence="") and version.is_urgent_gap(
        level=1, confidence="red"
    )
    assert not version.is_urgent_gap(level=3, confidence="amber")


def test_the_summary_lists_the_gaps_the_framework_flags(org, rated):
    with tenant_scope(org):
        summary = build_summary(rated)
    assert sorted(g["response"].benchmark.code for g in summary["gaps"]) == ["C1.2", "C2.1"]


def test_gaps_to_actions_offers_them_with_the_frameworks_urgency(org, rated):
    with tenant_scope(org):
        suggestions = gap_suggestions(rated)
    priorities = {s.response.benchmark.code: s.priority for s in suggestions}
    # C1.2 is at level 2 (a gap, not the weakest); C2.1 rests on amber, the weakest gap option.
    assert priorities == {"C1.2": Priority.MEDIUM, "C2.1": Priority.HIGH}


def test_the_evidence_pack_lists_the_same_gaps_from_its_snapshot(org, rated):
    with tenant_scope(org):
        context = build_pack_context(rated)
    assert sorted(r["benchmark"] for r in context["gaps"]) == ["C1.2", "C2.1"]
