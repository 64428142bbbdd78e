"""Finds interface text in the Python code not marked for translation (tests/test_translations.py).

The places where a literal becomes text a person reads, whatever the app:
- a keyword that labels or explains: `label=`, `help_text=`, `verbose_name=`,
  `verbose_name_plural=`, `empty_label=`, `message=`;
- a model field's verbose name given first (`models.CharField("Title", ...)`);
- the message of `ValidationError(...)` and of `core.tabular.TableError(...)`, which pages show;
- the message given to Django's messages framework or to a form or import row:
  `messages.success(request, "...")`, `form.add_error("field", "...")`, `row.error("key", "...")`.
A literal counts when it has a letter; an f-string counts by its literal parts. Wrap the text in
`gettext`/`gettext_lazy` (`_`), with `%(name)s` placeholders instead of an f-string.
Not scanned: tests, migrations, management commands (their output is for the operator), the
demo world (data, not interface), benchmarks and scripts.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {
    ".venv", ".tools", "tests", "migrations", "management", "node_modules", "staticfiles",
    "demo", "benchmarks", "scripts", "locale",
}  # fmt: skip
LABELLING_KEYWORDS = {
    "label", "help_text", "verbose_name", "verbose_name_plural", "empty_label", "message",
}  # fmt: skip
ERROR_CLASSES = {"ValidationError", "TableError"}
#: Calls whose second argument is a message to show: messages.<level>(request, text),
#: form.add_error(field, text), row.error(key, text).
MESSAGE_METHODS = {"debug", "info", "success", "warning", "error", "add_error"}
LETTER = re.compile(r"[^\W\d_]")


def python_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts[:-1])
    ]


def _text(node: ast.expr) -> str | None:
    """The text a literal shows, if it has a letter (None for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LETTER.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{…}"
            for v in node.values
        )
        return parts if LETTER.search(parts.replace("{…}", "")) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _text(node.left)
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_model_field(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "models"
        and func.attr.endswith("Field")
    )


def _shown_literals(call: ast.Call) -> Iterator[ast.expr]:
    name = _call_name(call)
    for keyword in call.keywords:
        if keyword.arg in LABELLING_KEYWORDS:
            yield keyword.value
    if name in ERROR_CLASSES and call.args:
        yield call.args[0]
    elif name in MESSAGE_METHODS and isinstance(call.func, ast.Attribute) and len(call.args) > 1:
        yield call.args[1]
    elif _is_model_field(call) and call.args:
        yield call.args[0]


def untranslated_python(path: Path) -> list[str]:
    """ "line: text" for each literal a person would read, not marked for translation."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for literal in _shown_literals(node):
            text = _text(literal)
            if text is not None:
                short = " ".join(text.split())
                found.append(f"{node.lineno}: {short[:60]}")
    return found
