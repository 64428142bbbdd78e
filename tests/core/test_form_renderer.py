"""core.form_renderer.FastRenderer draws the same markup as Django's widget templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.form_renderer import FastRenderer, written_in_python

TRICKY = 'He said "<b>&</b>"'


class Everything(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(attrs={"placeholder": TRICKY, "autofocus": True, "x": False})
    )
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "step": 1.5}))
    tick = forms.BooleanField(required=False)
    upload = forms.FileField(required=False, widget=forms.FileInput(attrs={"accept": ".pdf"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.TypedChoiceField(
        coerce=int, choices=[(1, "1 Strong"), (2, mark_safe("2 <i>Good</i>"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    lazy = forms.ChoiceField(choices=[("a", gettext_lazy("Not applicable")), ("b", 3)])
    grouped = forms.ChoiceField(
        choices=[("", "Choose"), ("Group <1>", [("x", TRICKY), ("y", "Why")]), ("z", "Zed")]
    )
    many = forms.MultipleChoiceField(
        choices=[("p", "P"), ("q", "Q")], widget=forms.CheckboxSelectMultiple, required=False
    )


DATA = [
    {},
    {
        "text": TRICKY,
        "hidden": "7",
        "day": "2026-09-01",
        "number": "3",
        "tick": "on",
        "note": "Line one\n<script>&amp;",
        "level": "2",
        "lazy": "b",
        "grouped": "x",
        "many": ["q"],
    },
]


def _pieces(form: forms.Form) -> list[str]:
    """Every field whole, and every radio or checkbox on its own (as `{{ choice.tag }}`)."""
    found = []
    for bound in form:
        found.append(str(bound))
        for choice in (
            bound.subwidgets
            if bound.widget_type in ("radioselect", "checkboxselectmultiple")
            else []
        ):
            found.append(choice.tag())
            found.append(str(choice))
    return found


@pytest.mark.parametrize("data", DATA)
def test_fast_renderer_matches_django_templates(data: dict) -> None:
    initial = {"day": datetime.date(2026, 1, 2), "text": mark_safe("<em>kept</em>"), "number": 5}
    template = Everything(data or None, initial=initial, renderer=DjangoTemplates())
    fast = Everything(data or None, initial=initial, renderer=FastRenderer())
    assert _pieces(fast) == _pieces(template)


def test_every_written_out_template_is_used() -> None:
    """Django's templates still read as they did, so none of the Python versions is idle."""
    assert len(written_in_python()) == 18


def test_the_commonest_widgets_skip_the_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = []
    real = DjangoTemplates.render

    def recording(self, template_name, context, request=None):
        drawn.append(template_name)
        return real(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", recording)
    _pieces(Everything(DATA[1], renderer=FastRenderer()))
    # Only the whole radio and checkbox groups, and the select holding a number as a label.
    assert sorted(set(drawn)) == [
        "django/forms/widgets/checkbox_select.html",
        "django/forms/widgets/radio.html",
        "django/forms/widgets/select.html",
    ]
    assert drawn.count("django/forms/widgets/select.html") == 1


def test_a_widget_template_an_app_overrides_is_left_to_that_template(monkeypatch):
    """The Python versions are compared with the templates as the renderer resolves them, so an
    installed app's own copy of one (here textarea.html) is drawn by that copy."""
    from types import SimpleNamespace

    from django.forms import renderers

    from core import form_renderer

    real = renderers.DjangoTemplates().engine

    class OverridingEngine:
        def get_template(self, name):
            if name.endswith("/textarea.html"):
                return SimpleNamespace(template=SimpleNamespace(source="<textarea class=mine>"))
            return real.get_template(name)

    monkeypatch.setattr(
        renderers,
        "DjangoTemplates",
        lambda: SimpleNamespace(engine=OverridingEngine()),
    )
    form_renderer.written_in_python.cache_clear()
    try:
        written = form_renderer.written_in_python()
        assert "django/forms/widgets/textarea.html" not in written
        assert "django/forms/widgets/text.html" in written
    finally:
        monkeypatch.undo()
        form_renderer.written_in_python.cache_clear()
    assert "django/forms/widgets/textarea.html" in form_renderer.written_in_python()
