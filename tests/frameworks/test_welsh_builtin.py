"""The newest built-in framework carries Welsh for every text a person reads (issue 18), and a
database that loaded it before it had Welsh gains the Welsh in place."""

import re

import pytest

from frameworks.library import parse_library_text
from frameworks.services import LIBRARY_DIR, LoadState, framework_load, framework_load_outcome

NEWEST_BUILTIN = LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml"


@pytest.fixture(scope="module")
def newest():
    return parse_library_text(NEWEST_BUILTIN.read_text(encoding="utf-8"))


def test_the_newest_builtin_file_is_the_version_new_assessments_use(newest, db):
    from frameworks.models import Framework
    from frameworks.services import framework_load_builtin

    framework_load_builtin()
    latest = Framework.objects.get(slug="prevent-fe-itp").latest_version()
    assert latest is not None and latest.version == newest["version"]


def test_every_criterion_and_benchmark_of_the_newest_builtin_file_has_welsh(newest):
    missing = []
    for criterion in newest["criteria"]:
        missing += [
            f"{criterion['code']} {key}"
            for key in ("title", "summary")
            if criterion[key] and not criterion["cy"].get(key)
        ]
        for benchmark in criterion["benchmarks"]:
            missing += [
                f"{benchmark['code']} {key}"
                for key in ("text", "guidance", "evidence_prompts")
                if benchmark[key] and not benchmark["cy"].get(key)
            ]
    assert not missing, f"No Welsh for: {', '.join(missing)}"


def test_the_newest_builtin_file_has_welsh_for_its_titles_scale_and_areas(newest):
    assert newest["cy"]["title"].startswith("Dyletswydd Prevent")
    assert newest["cy"]["description"]
    assert newest["scale"]["cy"]["confidence_title"]
    for option in newest["scale"]["levels"] + newest["scale"]["confidence"]:
        assert option["cy"].get("label") and option["cy"].get("description"), option["value"]
    for area in newest["report_card_areas"]:
        assert area["cy"].get("title"), area["key"]


def _english_only(text: str) -> str:
    """The built-in file as it was before it had Welsh: every `cy:` mapping taken out."""
    kept, block_indent = [], None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and indent > block_indent:
            continue
        block_indent = None
        if line.strip() == "cy:":
            block_indent = indent
        elif not line.strip().startswith("cy: {"):
            kept.append(re.sub(r', cy: \{title: "[^"]*"\}', "", line))
    return "".join(kept)


def test_a_database_that_loaded_the_newest_builtin_before_its_welsh_gains_it_in_place(db):
    text = NEWEST_BUILTIN.read_text(encoding="utf-8")
    english = _english_only(text)
    assert "Dyletswydd" not in english and "cy:" not in english
    version, created = framework_load(text=english)
    assert created and not version.criteria.exclude(title_cy="").exists()

    outcome = framework_load_outcome(text=text)
    assert outcome == (version, LoadState.WELSH_UPDATED)
    assert not version.criteria.filter(title_cy="").exists()
    assert not version.benchmarks.filter(text_cy="").exists()
    assert framework_load_outcome(text=text).state == LoadState.ALREADY_LOADED
