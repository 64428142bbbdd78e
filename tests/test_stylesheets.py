"""Our stylesheets parse as written: a brace lost in a merge makes a phone-only @media block
swallow every rule after it, so desktop pages lose them without any error (it happened: the
header's search box and the evidence picker's filters were styled for phones only)."""

from pathlib import Path

import pytest
import tinycss2  # type: ignore[import-untyped]
from django.conf import settings

STYLESHEETS = sorted(Path(settings.BASE_DIR, "static").rglob("*.css"))


def _problems(rules, inside: str = "") -> list[str]:
    problems = []
    for rule in rules:
        if rule.type == "error":
            problems.append(f"{rule.message} (line {rule.source_line})")
        elif rule.type == "at-rule" and rule.content is not None:
            name = f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
            if inside and rule.lower_at_keyword in {"media", "supports", "font-face"}:
                problems.append(f"{name} (line {rule.source_line}) is inside {inside}")
            if rule.lower_at_keyword in {"media", "supports"}:
                problems += _problems(tinycss2.parse_rule_list(rule.content), name)
    return problems


def test_there_are_stylesheets_to_check():
    assert any(path.name == "app.css" for path in STYLESHEETS)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_block_closes_where_it_should(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("{") == text.count("}"), f"{path.name}: unbalanced braces"
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    problems = _problems(rules)
    assert not problems, f"{path.name}: {problems}"
