"""Finds interface text in the templates not marked for translation (tests/test_translations.py).

A template is read with Django's own Lexer. Text outside `{% translate %}` and
`{% blocktranslate %}` that a person sees counts as untranslated:
- letters in the page's text (outside tags, comments, <script> and <style>);
- letters in a visible attribute: title, aria-label, placeholder, alt (and a button-like
  <input>'s value);
- a quoted literal with letters given to a filter that shows it (`|yesno:"Yes,No"`,
  `|default:"none"`), and any `|pluralize`, which knows only English plurals;
- a quoted literal with letters passed to an include as a visible keyword (`label="..."`).
Write such literals as `_("...")` to translate them. Text inside an element with the HTML
attribute `translate="no"` (a logo's letter, a code) is not for translation.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, Token, TokenType

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

LETTER = re.compile(r"[^\W\d_]")
VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
BUTTON_INPUTS = {"submit", "button", "reset"}
#: Filters whose quoted argument is shown to the reader.
SHOWING_FILTERS = {"yesno", "default", "default_if_none"}
#: A default that looks like a code (`|default:'info'`, a CSS class) is not text to read.
CODE_LIKE = re.compile(r"^[\"'][a-z0-9_-]*[\"']$")
#: Include/with keywords that carry text to show (a label, a heading, a hint, ...).
VISIBLE_KEYWORD = re.compile(
    r"(?:^|_)(label|title|heading|hint|text|legend|caption|summary|message|button|intro|lead|"
    r"empty|placeholder|description|help)$"
)
#: Blocks whose contents are not page text: skipped to their end tag.
SKIPPED_BLOCKS = {
    "comment": "endcomment",
    "verbatim": "endverbatim",
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
}
#: Blocks that fill in an attribute of the parent's markup (base.html's `<main class>`, the
#: secret-link pages' `<meta name="referrer" content>`).
ATTRIBUTE_BLOCKS = {"main_class", "referrer"}
TRANSLATING_TAGS = {"translate", "trans"}
#: What a variable or a translated string stands as in the markup the HTML parser reads.
SHOWN = "{…}"
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
FILTER = re.compile(r"\|\s*(\w+)(?:\s*:\s*(_\(\s*)?(\"[^\"]*\"|'[^']*'))?")
KEYWORD_LITERAL = re.compile(r"(\w+)=(\"[^\"]*\"|'[^']*')")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def _variable_findings(contents: str) -> list[str]:
    found = []
    if contents[:1] in "\"'" and LETTER.search(contents.split("|")[0]):
        found.append(f"literal {{{{ {_short(contents)} }}}}")
    for name, translated, literal in FILTER.findall(contents):
        if name == "pluralize":
            found.append(f"|pluralize (English plurals) in {{{{ {_short(contents)} }}}}")
        elif (
            name in SHOWING_FILTERS
            and literal
            and not translated
            and LETTER.search(literal)
            and (name == "yesno" or not CODE_LIKE.match(literal))
        ):
            found.append(f"|{name}:{literal}")
    return found


def _block_findings(contents: str) -> list[str]:
    bits = contents.split(None, 1)
    if not bits or bits[0] not in {"include", "with"}:
        return []
    return [
        f"{key}={literal} in {{% {bits[0]} %}}"
        for key, literal in KEYWORD_LITERAL.findall(contents)
        if VISIBLE_KEYWORD.search(key) and LETTER.search(literal)
    ]


def flatten(tokens: list[Token]) -> tuple[str, list[str]]:
    """The template's markup with every tag and variable blanked out, and what the tags and
    variables themselves show untranslated."""
    parts: list[str] = []
    findings: list[str] = []
    until = None
    for token in tokens:
        kind, contents = token.token_type, token.contents
        name = contents.split(None, 1)[0] if kind == TokenType.BLOCK and contents else ""
        if until:
            if name == until:
                until = None
            continue
        if kind == TokenType.TEXT:
            parts.append(contents)
        elif kind == TokenType.VAR:
            parts.append(SHOWN)
            findings += _variable_findings(contents)
        elif kind == TokenType.BLOCK:
            until = SKIPPED_BLOCKS.get(name)
            if name == "block" and set(contents.split()[1:2]) & ATTRIBUTE_BLOCKS:
                until = "endblock"
            parts.append(SHOWN if name in TRANSLATING_TAGS or until else " ")
            findings += _block_findings(contents)
    return "".join(parts), findings


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden: list[str] = []  # open elements whose text is not page text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in VOID_ELEMENTS and (
            tag in {"script", "style"} or values.get("translate") == "no" or self.hidden
        ):
            self.hidden.append(tag)
        if values.get("translate") == "no":
            return
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES or (
                tag == "input" and name == "value" and values.get("type") in BUTTON_INPUTS
            )
            if visible and value and LETTER.search(value):
                self.found.append(f'{name}="{_short(value)}"')

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self.hidden and LETTER.search(data):
            self.found.append(_short(data))


def untranslated_strings(source: str) -> list[str]:
    """What `source` (a template's text) shows that is not marked for translation."""
    markup, findings = flatten(Lexer(source).tokenize())
    finder = _TextFinder()
    finder.feed(markup)
    finder.close()
    return finder.found + findings


def template_names() -> list[str]:
    return sorted(
        str(path.relative_to(TEMPLATES_DIR))
        for path in TEMPLATES_DIR.rglob("*")
        if path.suffix in {".html", ".txt"}
    )


def untranslated_in(name: str) -> list[str]:
    return untranslated_strings((TEMPLATES_DIR / name).read_text(encoding="utf-8"))
