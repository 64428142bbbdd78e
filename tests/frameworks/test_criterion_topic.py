"""Which criterion is about subcontractors is said by the framework file (`topic`), never guessed
from a title; 2026.1, written before the key, gets its topic from the loader's documented table."""

import importlib

import pytest
from django.apps import apps

from frameworks.library import LibraryError, parse_library_text
from frameworks.models import Criterion, CriterionTopic
from frameworks.selectors import criterion_about
from frameworks.services import framework_load, framework_load_builtin, subscription_set
from tests.frameworks.sample import sample

pytestmark = pytest.mark.django_db

SPEAKERS = "  - code: C2\n    title: Speakers\n"


def topics(data: dict) -> dict[str, str]:
    return {c["code"]: c["topic"] for c in data["criteria"]}


def problems_of(text: str) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        parse_library_text(text)
    return [str(p) for p in caught.value.problems]


def test_a_criterion_says_it_is_about_subcontractors():
    data = parse_library_text(sample(**{SPEAKERS: SPEAKERS + "    topic: subcontractors\n"}))
    assert topics(data) == {"C1": "", "C2": "subcontractors"}


def test_a_title_that_mentions_subcontracting_is_not_enough():
    text = sample(**{"title: Speakers": "title: Subcontractor oversight"})
    assert topics(parse_library_text(text)) == {"C1": "", "C2": ""}


def test_an_unknown_topic_is_refused_with_its_line():
    problems = problems_of(sample(**{SPEAKERS: SPEAKERS + "    topic: subcontracting\n"}))
    assert problems == [
        "Line 35: Criterion C2: there is no topic 'subcontracting' (known: subcontractors)."
    ]


def test_a_topic_belongs_to_one_criterion_at_most():
    text = sample(
        **{
            SPEAKERS: SPEAKERS + "    topic: subcontractors\n",
            "    title: Leadership\n": "    title: Leadership\n    topic: subcontractors\n",
        }
    )
    assert problems_of(text) == ["The topic 'subcontractors' is given to more than one criterion."]


def test_both_builtin_versions_mark_c8_and_only_c8():
    for version, _ in framework_load_builtin():
        marked = version.criteria.exclude(topic="").values_list("code", "topic")
        assert list(marked) == [("C8", CriterionTopic.SUBCONTRACTORS)], version.version
        assert version.criteria.get(code="C8").is_about_subcontractors


def test_the_organisations_newest_version_gives_the_criterion(org):
    older, _ = framework_load(
        text=sample("1.0", **{SPEAKERS: SPEAKERS + "    topic: subcontractors\n"})
    )
    newer, _ = framework_load(
        text=sample("2.0", **{SPEAKERS: SPEAKERS + "    topic: subcontractors\n"})
    )
    assert criterion_about(organisation=org, topic=CriterionTopic.SUBCONTRACTORS) is None

    subscription_set(organisation=org, frameworks=[older.framework])

    found = criterion_about(organisation=org, topic=CriterionTopic.SUBCONTRACTORS)
    assert found is not None and (found.version, found.code) == (newer, "C2")


def test_the_migration_marks_criteria_loaded_before_the_key():
    framework_load_builtin()
    Criterion.objects.update(topic="")
    migration = importlib.import_module("frameworks.migrations.0004_criterion_topic")

    migration.set_known_topics(apps, None)

    marked = Criterion.objects.exclude(topic="").values_list("version__version", "code")
    assert sorted(marked) == [("2026.1", "C8"), ("2026.2", "C8")]
