"""The form renderer (settings.FORM_RENDERER): Django's own, with its commonest widget templates
written out in Python.

Django draws every input, textarea, radio button and select option through the template engine
(three or four nested templates each); a page with a few forms spends more time there than on
anything else (the respond page draws about 90 widgets). `FastRenderer` produces exactly the
markup those templates produce, only quicker, and hands anything else to the templates. Each
Python version is used only while Django's template still reads as it did when it was written
(checked once, at start-up), so an upgrade that changes a template falls back to the template.
`tests/core/test_form_renderer.py` compares the two outputs widget by widget.
"""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.forms import renderers
from django.template import TemplateDoesNotExist
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

_INPUT = '{% include "django/forms/widgets/input.html" %}'
INPUTS = ["checkbox", "color", "date", "datetime", "email", "file", "hidden", "number"]
INPUTS += ["password", "search", "tel", "text", "time", "url"]
_INPUT_OPTION = '{% include "django/forms/widgets/input_option.html" %}'
# The templates written out below, as Django ships them (each file stripped of its last newline).
EXPECTED = {
    "attrs.html": "{% for name, value in widget.attrs.items %}{% if value is not False %} "
    "{{ name }}{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
    "{% endfor %}",
    "input.html": '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value '
    "!= None %} value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>',
    "textarea.html": '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/'
    'attrs.html" %}>\n{% if widget.value %}{{ widget.value }}{% endif %}</textarea>',
    "input_option.html": '{% if widget.wrap_label %}<label{% if widget.attrs.id %} for="'
    '{{ widget.attrs.id }}"{% endif %}>{% endif %}{% include "django/forms/widgets/input.html" '
    "%}{% if widget.wrap_label %} {{ widget.label }}</label>{% endif %}",
    "select_option.html": "<option value=\"{{ widget.value|stringformat:'s' }}\""
    '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>',
    "select.html": '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" '
    "%}>{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}"
    '\n  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n  '
    "{% include option.template_name with widget=option %}{% endfor %}{% if group_name %}\n  "
    "</optgroup>{% endif %}{% endfor %}\n</select>",
    "radio_option.html": _INPUT_OPTION,
    "checkbox_option.html": _INPUT_OPTION,
    **{f"{name}.html": _INPUT for name in INPUTS},
}
SELECT_OPTION = "django/forms/widgets/select_option.html"


class Fallback(Exception):
    """A value the Python version does not handle exactly like the template: use the template."""


def _text(value: Any) -> str:
    """`{{ value }}` for text (anything else, which the template would localise, falls back)."""
    if not isinstance(value, (str, Promise)):
        raise Fallback
    return conditional_escape(str(value))


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: safe text stays as it is, anything else is escaped."""
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % value  # noqa: UP031 - the filter's own formatting
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(widget: dict[str, Any]) -> str:
    parts = []
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(
            f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget)}>'


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    inside = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget)}>\n{inside}</textarea>'


def _input_option(widget: dict[str, Any]) -> str:
    tag = _input(widget)
    if not widget.get("wrap_label"):
        return tag
    for_id = widget["attrs"].get("id")
    label_for = f' for="{_text(for_id)}"' if for_id else ""
    return f"<label{label_for}>{tag}\n {_text(widget['label'])}</label>"


def _option(widget: dict[str, Any]) -> str:
    if widget.get("template_name") != SELECT_OPTION:
        raise Fallback
    label = _text(widget["label"])
    return f'<option value="{_formatted(widget["value"])}"{_attrs(widget)}>{label}</option>'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget)}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_option(option)}\n" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_WRITTEN: dict[str, Callable[[dict[str, Any]], str]] = {
    "textarea.html": _textarea,
    "radio_option.html": _input_option,
    "checkbox_option.html": _input_option,
    "select.html": _select,
    **{name: _input for name, source in EXPECTED.items() if source == _INPUT},
}
# What each one relies on besides its own template.
_NEEDS = {
    "textarea.html": ["attrs.html"],
    "select.html": ["attrs.html", "select_option.html"],
    "radio_option.html": ["input_option.html", "input.html", "attrs.html"],
    "checkbox_option.html": ["input_option.html", "input.html", "attrs.html"],
}


@cache
def written_in_python() -> dict[str, Callable[[dict[str, Any]], str]]:
    """Template name -> its Python version, for the templates that still read as expected."""

    engine = renderers.DjangoTemplates().engine  # as the renderer resolves them: an app's
    # own copy of a widget template is what the forms use, so it is what is compared

    def unchanged(name: str) -> bool:
        try:
            template = engine.get_template(f"django/forms/widgets/{name}")
        except TemplateDoesNotExist:
            return False
        source: str = template.template.source  # type: ignore[attr-defined]
        return source.strip() == EXPECTED[name]

    found = {}
    for name, function in _WRITTEN.items():
        needs = _NEEDS.get(name, ["input.html", "attrs.html"])
        if all(unchanged(n) for n in [name, *needs]):
            found[f"django/forms/widgets/{name}"] = function
    return found


class FastRenderer(renderers.DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        function = written_in_python().get(template_name)
        if function is not None and isinstance(context.get("widget"), dict):
            try:
                return mark_safe(function(context["widget"]))  # noqa: S308 - every piece escaped
            except (Fallback, KeyError):
                pass
        return super().render(template_name, context, request=request)
