"""English and Welsh (issue 18): every template's text goes through Django's translation
machinery, and the Welsh catalogue has a Welsh text for everything that does.

The templates not translated yet are listed in tests/untranslated_templates.py; that list only
shrinks (CONTRIBUTING.md, "Translating into Welsh").
"""

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
from tests.i18n_scan import template_names, untranslated_in, untranslated_strings
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
