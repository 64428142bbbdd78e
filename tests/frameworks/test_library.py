import pytest
from django.core.management import CommandError, call_command

from frameworks.library import LibraryError, parse_library_text
from frameworks.models import Benchmark, Criterion, Framework, FrameworkVersion
from frameworks.services import LIBRARY_DIR, framework_load, framework_load_builtin
from tests.frameworks.sample import SAMPLE, sample

pytestmark = pytest.mark.django_db


def problems_of(text: str) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        parse_library_text(text)
    return [str(p) for p in caught.value.problems]


def test_it_loads_a_valid_file_with_its_tree_and_scale():
    version, created = framework_load(text=SAMPLE)
    assert created
    assert version.framework.slug == "sample-framework"
    assert [c.code for c in version.criteria.all()] == ["C1", "C2"]
    assert [b.code for b in version.benchmarks.order_by("criterion__position", "position")] == [
        "C1.1",
        "C1.2",
        "C2.1",
    ]
    assert version.gap_levels == {3, 4}
    assert version.gap_confidence == {"amber", "red"}
    # The sample file uses the retired EIF grade words; they are shown in words for practice.
    assert version.level(1).label == "Embedded and evaluated"
    first = Benchmark.objects.get(version=version, code="C1.1")
    assert first.evidence_prompts == ["Organisation chart", "Board minutes"]
    assert first.backed_by == ["S1"]


def test_loading_the_same_file_twice_changes_nothing():
    first, _ = framework_load(text=SAMPLE)
    again, created = framework_load(text=SAMPLE)
    assert not created and again == first
    assert FrameworkVersion.objects.count() == 1
    assert Criterion.objects.count() == 2


def test_a_new_version_is_added_beside_the_old_one():
    old, _ = framework_load(text=SAMPLE)
    new, created = framework_load(
        text=sample("1.1", **{"External speakers are risk assessed.": "Speakers are vetted."})
    )
    assert created and new != old
    assert Framework.objects.count() == 1
    assert Benchmark.objects.get(version=old, code="C2.1").text.startswith("External")
    assert Benchmark.objects.get(version=new, code="C2.1").text == "Speakers are vetted."


def test_changed_content_under_an_existing_version_is_refused():
    framework_load(text=SAMPLE)
    with pytest.raises(LibraryError, match="already loaded with different content"):
        framework_load(text=sample(**{"Speakers": "Visitors"}))
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            {"        text: Policies are reviewed yearly.\n": ""},
            "Line 30: Benchmark C1.2 needs a 'text'",
        ),
        ({"code: C2.1": "code: C1.1"}, "Line 36: The code C1.1 is used twice"),
        ({"code: C2.1": "code: C9.1"}, "Line 36: Benchmark C9.1 belongs to Criterion C2"),
        ({"backed_by: [S1]": "backed_by: [S9]"}, "Line 29: Benchmark C1.1 is backed by 'S9'"),
        ({"{value: 2, label: Good": "{value: two, label: Good"}, "Line 12: rating_scale.levels"),
        ({"id: sample-framework": "id: Sample Framework!"}, "Line 1: The id may contain only"),
        ({"published: 2026-01-01": "published: soon"}, "Line 4: 'published' must be a date"),
    ],
)
def test_broken_files_get_line_specific_errors(replacements, expected):
    problems = problems_of(sample(**replacements))
    assert any(p.startswith(expected) for p in problems), problems


def test_invalid_yaml_names_the_line():
    problems = problems_of(SAMPLE.replace("  - code: C2\n", "  - code: [C2\n"))
    assert problems[0].startswith("Line ") and "not valid YAML" in problems[0]


def test_a_duplicated_key_is_an_error_with_its_line():
    problems = problems_of(SAMPLE.replace('title: "Sample framework"', 'title: "A"\ntitle: "B"'))
    assert problems[0].startswith("Line 3:") and "appears twice" in problems[0]


def test_a_broken_file_changes_nothing():
    with pytest.raises(LibraryError):
        framework_load(text=sample(**{"code: C2.1": "code: C1.1"}))
    assert not Framework.objects.exists()


def test_the_command_loads_files_and_reports_problems(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(SAMPLE)
    call_command("load_framework", str(good))
    assert FrameworkVersion.objects.count() == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(sample("2.0", **{"code: C2.1": "code: C1.1"}))
    with pytest.raises(CommandError, match="Line 36"):
        call_command("load_framework", str(bad))


def test_the_builtin_prevent_framework_loads_both_versions_and_offers_the_newest():
    assert (LIBRARY_DIR / "prevent-fe-itp.yaml").exists()
    loaded = framework_load_builtin()
    assert sorted(v.version for v, _ in loaded) == ["2026.1", "2026.2", "2026.3"]
    newest = loaded[0][0].framework.latest_version()
    assert newest.version == "2026.3"
    criteria = list(newest.criteria.prefetch_related("benchmarks"))
    assert [c.code for c in criteria] == [f"C{n}" for n in range(1, 11)]
    for criterion in criteria:
        benchmarks = list(criterion.benchmarks.all())
        assert 3 <= len(benchmarks) <= 7, criterion.code
        assert all(b.evidence_prompts for b in benchmarks), criterion.code
    assert [level.value for level in newest.levels] == [1, 2, 3, 4]
    assert {c.value for c in newest.confidence_options} == {"red", "amber", "green"}
