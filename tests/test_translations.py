"""English and Welsh (issue 18): every template's text goes through Django's translation
machinery, and the Welsh catalogue has a Welsh text for everything that does.

The templates not translated yet are listed in tests/untranslated_templates.py; that list only
shrinks (CONTRIBUTING.md, "Translating into Welsh").
"""

from pathlib import Path

import polib
import pytest

from tests.i18n_catalogue import (
    MO_FILE,
    PO_FILE,
    catalogue,
    compiled_messages,
    missing,
    python_messages,
    template_messages,
    translated,
)
from tests.i18n_python_scan import ROOT, python_files, untranslated_python
from tests.i18n_scan import template_names, untranslated_in, untranslated_strings
from tests.untranslated_python import UNTRANSLATED_PYTHON
from tests.untranslated_templates import UNTRANSLATED


def _translated_templates() -> list[str]:
    return [name for name in template_names() if name not in UNTRANSLATED]


def test_every_template_outside_the_list_is_translated():
    problems = {
        name: found[:5] for name in _translated_templates() if (found := untranslated_in(name))
    }
    assert not problems, (
        "Text not marked for translation (use {% translate %} / {% blocktranslate %}, or _() "
        f"for a literal in a tag): {problems}"
    )


def test_the_list_of_untranslated_templates_only_shrinks():
    names = set(template_names())
    gone = sorted(UNTRANSLATED - names)
    assert not gone, f"Listed in tests/untranslated_templates.py but no longer exist: {gone}"
    done = sorted(name for name in UNTRANSLATED if not untranslated_in(name))
    assert not done, (
        f"Fully translated now: remove them from tests/untranslated_templates.py: {done}"
    )


def _python_names() -> dict[str, Path]:
    return {str(path.relative_to(ROOT)): path for path in python_files()}


def test_every_python_file_outside_the_list_marks_its_interface_text():
    problems = {
        name: found[:5]
        for name, path in _python_names().items()
        if name not in UNTRANSLATED_PYTHON and (found := untranslated_python(path))
    }
    assert not problems, (
        "Text a person reads, not marked for translation (wrap it in gettext / gettext_lazy, "
        f"with %(name)s placeholders instead of an f-string): {problems}"
    )


def test_the_list_of_untranslated_python_files_only_shrinks():
    names = _python_names()
    gone = sorted(UNTRANSLATED_PYTHON - set(names))
    assert not gone, f"Listed in tests/untranslated_python.py but no longer exist: {gone}"
    done = sorted(n for n in UNTRANSLATED_PYTHON if not untranslated_python(names[n]))
    assert not done, f"Fully translated now: remove them from tests/untranslated_python.py: {done}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('forms.CharField(label="Title")', ["1: Title"]),
        ('forms.CharField(label=_("Title"))', []),
        ('models.CharField("Risk", max_length=3)', ["1: Risk"]),
        ('raise ValidationError(f"Row {n} is empty.")', ["1: Row {…} is empty."]),
        ('messages.success(request, "Saved.")', ["1: Saved."]),
        ('messages.success(request, _("Saved."))', []),
        ('form.add_error("title", "Give a title.")', ["1: Give a title."]),
        ('row.error("email", "This is empty.")', ["1: This is empty."]),
        ('forms.ChoiceField(choices=[("a", "A")], label=f"{x}")', []),
        ('Thing(message="x" + y)', ["1: x"]),
    ],
)
def test_the_python_scanner_finds_what_a_person_would_read(tmp_path, source, expected):
    path = tmp_path / "sample.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert untranslated_python(path) == expected


def test_every_msgid_of_the_translated_templates_has_welsh():
    po = catalogue()
    lacking = {
        name: absent
        for name in _translated_templates()
        if (absent := missing(list(template_messages(name)), po))
    }
    assert not lacking, (
        "No Welsh (or only a fuzzy guess) in locale/cy/LC_MESSAGES/django.po: run "
        f"`make messages`, translate, then `make compilemessages`: {lacking}"
    )


def test_every_string_marked_in_python_has_welsh():
    po = catalogue()
    found = list(python_messages())
    lacking = [where for where, message in found if missing([message], po)]
    assert found, "expected strings marked with gettext in the Python code"
    assert not lacking, f"No Welsh in the catalogue for the strings marked at: {lacking}"


def test_the_catalogue_is_complete():
    untranslated = [
        entry.msgid for entry in catalogue() if not entry.obsolete and not translated(entry)
    ]
    assert not untranslated, f"Entries without Welsh or marked fuzzy: {untranslated}"


def test_the_compiled_catalogue_matches_the_po_file():
    po = [entry for entry in catalogue() if translated(entry)]
    mo = polib.mofile(str(MO_FILE))
    assert compiled_messages(po) == compiled_messages(mo), (
        f"{MO_FILE.name} is out of date with {PO_FILE.name}: run `make compilemessages`"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello</p>", ["Hello"]),
        ('{% load i18n %}<p>{% translate "Hello" %}</p>', []),
        ("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}", []),
        ('<a title="Open it" href="{% url "home" %}">{{ x }}</a>', ['title="Open it"']),
        (
            '<input aria-label="{% translate "Find" %}" placeholder="Find…">',
            ['placeholder="Find…"'],
        ),
        ('<img alt="">  <img alt="{{ alt }}">', []),
        ('<input type="submit" value="Save">', ['value="Save"']),
        ("{# a note #}{% comment %}Only for us{% endcomment %}<!-- html note -->", []),
        ('<span translate="no" aria-hidden="true">P</span> · 3', []),
        ('{{ done|yesno:"Yes,No" }} {{ done|yesno:_("Yes,No") }}', ['|yesno:"Yes,No"']),
        (
            "{{ count }} thing{{ count|pluralize }}",
            ["{…} thing{…}", "|pluralize (English plurals) in {{ count|pluralize }}"],
        ),
        (
            '{% include "f.html" with label="Email address" id="x" %}',
            ['label="Email address" in {% include %}'],
        ),
        ('{% include "f.html" with label=_("Email address") field_id="id_x" %}', []),
        ("<script>var a = 'text';</script>", []),
    ],
)
def test_the_scanner_finds_what_a_person_would_read(source, expected):
    assert untranslated_strings(source) == expected
