"""The interface's languages (settings.LANGUAGES): one rule for "a language we have", and one
way to answer a visitor with no account in the language chosen for them."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation


def known_language(code: str | None) -> str:
    """`code` if it is one of settings.LANGUAGES, otherwise the site's default."""
    codes = {known for known, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def current_language() -> str:
    """The active language as one of settings.LANGUAGES (the default when it is none of them)."""
    return known_language(translation.get_language())


def respond_in(code: str | None, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """The response `respond` makes with `code` active, saying so in Content-Language (for a
    visitor with no account: an invitee, a subcontractor), whatever the browser asked for."""
    with translation.override(known_language(code)):
        response = respond()
        response["Content-Language"] = translation.get_language()
    return response


def drop_empty_catalogues() -> None:
    """Unlink the header-only catalogues from each language's chain of fallbacks.

    For en-GB, Python's gettext also loads each installed app's `en` catalogue and chains them
    behind the merged one; they hold no messages, but a message without its own translation
    (most of them, in English) is looked up in each in turn: six misses, 8-11 us a phrase and
    several milliseconds of a dashboard. Unlinking them changes no output. After a settings
    change (tests) Django rebuilds the chains unpruned: slower, the same text.
    """
    from gettext import GNUTranslations

    from django.utils.translation import trans_real

    for code, _name in settings.LANGUAGES:
        node: Any = trans_real.translation(code)
        while (fallback := getattr(node, "_fallback", None)) is not None:
            empty = type(fallback) is GNUTranslations and set(vars(fallback)["_catalog"]) <= {""}
            if empty:
                node._fallback = fallback._fallback
            else:
                node = fallback
