"""Framework files carry Welsh in `cy:` mappings (issue 18): loaded with the rows, shown to a
person whose language is Welsh, English otherwise and wherever a text has no Welsh; a loaded
version that gains Welsh keeps its assessments and only its Welsh texts change."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from assessments.snapshot import assessment_snapshot
from frameworks.library import parse_library_text
from frameworks.models import Benchmark, Criterion, FrameworkVersion
from frameworks.services import framework_load, subscription_set
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.factories import UserFactory
from tests.frameworks.sample import SAMPLE, sample
from tests.frameworks.test_admin_import_export import IMPORT, export_url, messages_of, upload
from tests.frameworks.test_library import problems_of

pytestmark = pytest.mark.django_db

WELSH = {
    "title: Leadership\n    summary: Leaders own it.\n": (
        "title: Leadership\n    summary: Leaders own it.\n"
        "    cy: {title: Arweinyddiaeth, summary: Mae arweinwyr yn berchen arni.}\n"
    ),
    "evidence_prompts: [Organisation chart, Board minutes]\n": (
        "evidence_prompts: [Organisation chart, Board minutes]\n"
        "        cy:\n"
        "          text: Mae uwch arweinydd a enwir yn berchen ar Prevent.\n"
        "          guidance: Chwiliwch am unigolyn a enwir sydd ag amser.\n"
        "          evidence_prompts: [Siart sefydliadol, Cofnodion y bwrdd]\n"
    ),
    "label: Outstanding, description: Best,": (
        "label: Outstanding, description: Best, cy: {label: Wedi'i wreiddio},"
    ),
    'title: "Sample framework"\n': (
        'title: "Sample framework"\ncy: {title: Fframwaith enghreifftiol}\n'
    ),
}


def welsh_sample(version: str = "1.0") -> str:
    return sample(version, **WELSH)


def test_a_file_with_welsh_loads_it_beside_the_english():
    version, created = framework_load(text=welsh_sample())
    assert created and version.title_cy == "Fframwaith enghreifftiol"
    criterion = Criterion.objects.get(version=version, code="C1")
    assert (criterion.title, criterion.title_cy) == ("Leadership", "Arweinyddiaeth")
    benchmark = Benchmark.objects.get(version=version, code="C1.1")
    assert benchmark.text == "A named senior leader owns Prevent."
    assert benchmark.text_cy == "Mae uwch arweinydd a enwir yn berchen ar Prevent."
    assert benchmark.evidence_prompts_cy == ["Siart sefydliadol", "Cofnodion y bwrdd"]


def _label(version: FrameworkVersion, value: int) -> str:
    level = version.level(value)
    assert level is not None
    return level.label


def test_welsh_is_shown_when_welsh_is_active_with_english_where_there_is_none():
    version, _ = framework_load(text=welsh_sample())
    c1 = Criterion.objects.get(version=version, code="C1")
    c2 = Criterion.objects.get(version=version, code="C2")
    b12 = Benchmark.objects.get(version=version, code="C1.2")
    with translation.override("cy"):
        assert c1.shown_title == "Arweinyddiaeth"
        assert c2.shown_title == "Speakers"  # no Welsh: the English
        assert b12.shown_text == "Policies are reviewed yearly."
        assert _label(version, 1) == "Wedi'i wreiddio"
        assert _label(version, 2) == "Established"  # no Welsh, retired word reworded
    with translation.override("en-gb"):
        assert c1.shown_title == "Leadership"
        assert _label(version, 1) == "Embedded and evaluated"


@pytest.mark.parametrize(
    ("welsh", "expected"),
    [
        ("    cy: Arweinyddiaeth\n", "Criterion C1: 'cy' must be a mapping of Welsh texts"),
        ("    cy: {heading: Arweinyddiaeth}\n", "'cy' may give only title, summary; 'heading'"),
        ("    title_cy: Arweinyddiaeth\n", "Welsh goes in a 'cy' mapping beside the English"),
        ("    cy: {title: ''}\n", "Criterion C1: the Welsh 'title' must be text."),
    ],
)
def test_a_malformed_welsh_key_is_refused_with_its_line(welsh, expected):
    summary = "    summary: Leaders own it.\n"
    text = SAMPLE.replace(summary, summary + welsh)
    line = text.splitlines().index(welsh.rstrip("\n")) + 1
    problems = problems_of(text)
    assert any(expected in p and p.startswith(f"Line {line}:") for p in problems), problems


def test_welsh_evidence_prompts_must_match_the_english_one_for_one():
    text = welsh_sample().replace("[Siart sefydliadol, Cofnodion y bwrdd]", "[Siart]")
    assert any("has 1 item(s) and the English 2" in p for p in problems_of(text))


def test_gaining_welsh_updates_a_loaded_version_in_place(org, qm):
    version, _ = framework_load(text=SAMPLE)
    assessment = start(org, version, qm)
    answer_all(assessment, qm)
    with tenant_scope(org):
        before = assessment_snapshot(assessment)

    again, created = framework_load(text=welsh_sample())
    assert again == version and not created
    assert FrameworkVersion.objects.count() == 1 and assessment.responses.count() == 3
    version.refresh_from_db()
    assert version.source_text == welsh_sample()  # the file as loaded
    assert Criterion.objects.get(version=version, code="C1").title_cy == "Arweinyddiaeth"
    with translation.override("cy"), tenant_scope(org):
        after = assessment_snapshot(assessment)
    # The record stays English, levels and all; it names the file now loaded.
    assert after["framework"].pop("source_sha256") == version.source_sha256
    before["framework"].pop("source_sha256")
    assert after == before

    assert framework_load(text=welsh_sample()) == (version, False)  # idempotent
    framework_load(text=SAMPLE)  # Welsh taken out again
    assert Criterion.objects.get(version=version, code="C1").title_cy == ""


def test_a_welsh_update_that_also_changes_english_is_refused():
    framework_load(text=SAMPLE)
    changed = welsh_sample().replace("Policies are reviewed yearly.", "Policies are reviewed.")
    assert any("already loaded with different content" in p for p in problems_of_load(changed))


def problems_of_load(text: str) -> list[str]:
    from frameworks.library import LibraryError

    with pytest.raises(LibraryError) as caught:
        framework_load(text=text)
    return [str(p) for p in caught.value.problems]


def test_the_command_says_when_it_updated_the_welsh(tmp_path):
    framework_load(text=SAMPLE)
    path = tmp_path / "sample.yaml"
    path.write_text(welsh_sample(), encoding="utf-8")
    out = tmp_path / "out.txt"
    with out.open("w") as stream:
        call_command("load_framework", str(path), stdout=stream)
        call_command("load_framework", str(path), stdout=stream)
    lines = out.read_text().splitlines()
    assert lines[0].endswith("already loaded; its Welsh texts updated")
    assert lines[1].endswith("(version 1.0) already loaded")


def test_the_framework_page_is_welsh_for_a_welsh_reader_and_english_for_others(
    org, contributor, colleague, client_for
):
    version, _ = framework_load(text=welsh_sample())
    subscription_set(organisation=org, frameworks=[version.framework])
    contributor.language = "cy"
    contributor.save(update_fields=["language"])
    url = reverse("frameworks:index", kwargs={"org_slug": org.slug})

    welsh_page = client_for(contributor).get(url).content.decode()
    for text in ["Fframwaith enghreifftiol", "Arweinyddiaeth", "Mae uwch arweinydd a enwir"]:
        assert text in welsh_page, text
    assert "Leadership</summary>" not in welsh_page
    assert "Speakers" in welsh_page  # no Welsh for C2: its English

    english_page = client_for(colleague).get(url).content.decode()
    assert "Leadership" in english_page and "Arweinyddiaeth" not in english_page


def test_parsed_welsh_is_kept_apart_from_the_english():
    data = parse_library_text(welsh_sample())
    assert data["criteria"][0]["title"] == "Leadership"
    assert data["criteria"][0]["cy"] == {
        "title": "Arweinyddiaeth",
        "summary": "Mae arweinwyr yn berchen arni.",
    }
    assert data["criteria"][1]["cy"] == {}


def test_the_admin_import_updates_the_welsh_and_the_export_gives_the_file_with_it(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    admin_client = client
    version, _ = framework_load(text=SAMPLE)
    imported = admin_client.post(reverse(IMPORT), {"file": upload(welsh_sample())})
    assert imported.status_code == 302
    assert messages_of(imported) == [f"{version} was already loaded; its Welsh updated."]
    exported = admin_client.get(export_url(version)).content.decode()
    assert exported == welsh_sample()
