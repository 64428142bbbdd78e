"""What the Welsh catalogue must hold: the msgids the templates and the Python code use
(tests/test_translations.py), read the way Django itself reads them."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import polib
from django.template import Context, engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

#: (msgctxt or None, msgid, msgid_plural or None)
Message = tuple[str | None, str, str | None]

GETTEXT_CALLS = {
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "_": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
}
PLURAL_CALLS = {"ngettext", "ngettext_lazy"}
CONTEXT_CALLS = {"pgettext", "pgettext_lazy"}
# `_("...")` inside a template tag or variable (a filter's argument, an include's keyword).
TEMPLATE_UNDERSCORE = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")
SKIPPED_DIRS = {".venv", ".tools", "tests", "migrations", "node_modules", "staticfiles"}


def _context(node: TranslateNode | BlockTranslateNode) -> str | None:
    return node.message_context.resolve(Context()) if node.message_context else None


def template_messages(name: str) -> Iterator[Message]:
    """Every msgid the template `name` asks for (its own text, not the templates it includes)."""
    template = engines["django"].engine.get_template(name)  # type: ignore[attr-defined]
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        literal = node.filter_expression.var.literal
        if isinstance(literal, str):  # `{% translate variable %}` is looked up at run time
            yield _context(node), literal.replace("%", "%%"), None
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular, _vars = node.render_token_list(node.singular)
        plural = node.render_token_list(node.plural)[0] if node.plural else None
        yield _context(node), singular, plural
    source = template.source
    for double, single in TEMPLATE_UNDERSCORE.findall(source):
        yield None, double or single, None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_messages() -> Iterator[tuple[str, Message]]:
    """Every literal msgid marked in the project's Python code, with where it is."""
    for path in sorted(ROOT.rglob("*.py")):
        if SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
                continue
            name = call.func.id
            if name not in GETTEXT_CALLS or len(call.args) <= GETTEXT_CALLS[name]:
                continue
            msgid = _literal(call.args[GETTEXT_CALLS[name]])
            if msgid is None:
                continue
            context = _literal(call.args[0]) if name in CONTEXT_CALLS else None
            plural = _literal(call.args[1]) if name in PLURAL_CALLS else None
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            yield where, (context, msgid, plural)


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def translated(entry: polib.POEntry) -> bool:
    """A Welsh text for every form, and not marked fuzzy (a guess makemessages made)."""
    if "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def missing(messages: list[Message], po: polib.POFile) -> list[Message]:
    """The messages the catalogue has no Welsh for."""
    entries: dict[tuple[str | None, str], polib.POEntry] = {
        (e.msgctxt, e.msgid): e for e in po if not e.obsolete
    }
    return [
        message
        for message in messages
        if (entry := entries.get(message[:2])) is None or not translated(entry)
    ]


def compiled_messages(entries: list[polib.POEntry] | polib.MOFile) -> set[tuple]:
    def forms(entry: polib.POEntry | polib.MOEntry) -> tuple:
        if entry.msgid_plural:
            return tuple(sorted(entry.msgstr_plural.items()))
        return (entry.msgstr,)

    return {(e.msgctxt, e.msgid, e.msgid_plural or None, forms(e)) for e in entries if e.msgid}
