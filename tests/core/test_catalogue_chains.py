"""The translation chains carry no header-only catalogues (core.languages.drop_empty_catalogues),
and what they translate is unchanged by unlinking them."""

from gettext import GNUTranslations
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from core.languages import drop_empty_catalogues


def _chain(code: str) -> list:
    found: list = []
    node: Any = trans_real.translation(code)
    while (node := getattr(node, "_fallback", None)) is not None:
        found.append(node)
    return found


def _empty(node: Any) -> bool:
    return type(node) is GNUTranslations and set(vars(node)["_catalog"]) <= {""}


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_no_language_looks_a_phrase_up_in_an_empty_catalogue(code):
    drop_empty_catalogues()  # as at start-up (a settings change in another test rebuilds them)
    assert not [node for node in _chain(code) if _empty(node)]


PHRASES = ["Dashboard", "Not started", "Organisation", "This field is required.", "zzz"]


def _translated() -> dict[str, list[str]]:
    found = {}
    for code in ("en-gb", "cy"):
        with translation.override(code):
            found[code] = [translation.gettext(p) for p in PHRASES]
    return found


def test_unlinking_them_changes_no_translation():
    # The chains as Django builds them, empty catalogues in.
    trans_real._translations.clear()  # type: ignore[attr-defined]
    assert any(_empty(node) for node in _chain("en-gb"))
    before = _translated()
    drop_empty_catalogues()
    assert _translated() == before
    assert before["cy"][0] != "Dashboard"  # the Welsh catalogue is still in the chain
