"""Welsh texts in framework library files (issue 18), and which language a page shows.

A library file may give any item a `cy:` mapping beside its English keys, holding the Welsh for
the texts a person reads (see FORMAT.md, "Welsh"). The English stays the framework's text for
everything that compares or stores it (carry-forward, snapshots, exports); the Welsh is shown
when the active language is Welsh, and the English wherever a text has no Welsh.

We do not use django-modeltranslation: it makes `title` itself follow the active language, so
code that compares or copies the English (carry-forward's "benchmark reworded", approved
snapshots, a load by a Welsh-speaking admin) would silently read or write Welsh, and half the
texts live in JSON (the rating scale, report-card areas) which it does not translate.
"""

from typing import Any

from django.utils.translation import get_language

WELSH = "cy"

#: The keys each kind of item may give in its `cy:` mapping (each also an English key beside it).
WELSH_KEYS: dict[str, tuple[str, ...]] = {
    "framework": ("title", "description"),
    "rating_scale": ("confidence_title",),
    "scale option": ("label", "description"),
    "report-card area": ("title",),
    "criterion": ("title", "summary"),
    "benchmark": ("text", "guidance", "evidence_prompts"),
}
LIST_KEYS = {"evidence_prompts"}


def welsh_is_active() -> bool:
    return (get_language() or "").lower() == WELSH


def shown(english: Any, welsh: Any) -> Any:
    """The text a page shows: the Welsh when Welsh is active and there is some, else English."""
    return welsh if welsh and welsh_is_active() else english


def check_welsh(c: Any, mapping: Any, kind: str, where: str) -> dict[str, Any]:
    """The item's `cy:` mapping, checked: only the kind's keys, each text (or list of text)."""
    if not isinstance(mapping, dict):
        return {}
    allowed = WELSH_KEYS[kind]
    for key in mapping:
        if isinstance(key, str) and key.lower().endswith(("_cy", "-cy", "_welsh")):
            c.fail(
                c.line_of(mapping, key),
                f"{where}: Welsh goes in a 'cy' mapping beside the English, for example "
                f"cy: {{{allowed[0]}: ...}}, not '{key}'.",
            )
    welsh = mapping.get(WELSH)
    if welsh is None:
        return {}
    line = c.line_of(mapping, WELSH)
    if not isinstance(welsh, dict):
        c.fail(line, f"{where}: 'cy' must be a mapping of Welsh texts, such as {allowed[0]}: ...")
        return {}
    result: dict[str, Any] = {}
    for key, value in welsh.items():
        if key not in allowed:
            c.fail(
                c.line_of(welsh, key),
                f"{where}: 'cy' may give only {', '.join(allowed)}; '{key}' is not one of them.",
            )
        elif key in LIST_KEYS:
            result[key] = _welsh_list(c, welsh, key, where, len(mapping.get(key) or []))
        elif isinstance(value, str) and value.strip():
            result[key] = value.strip()
        else:
            c.fail(c.line_of(welsh, key), f"{where}: the Welsh '{key}' must be text.")
    return result


def _welsh_list(c: Any, welsh: dict, key: str, where: str, english_count: int) -> list[str]:
    value = welsh[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        c.fail(c.line_of(welsh, key), f"{where}: the Welsh '{key}' must be a list of text.")
        return []
    if len(value) != english_count:
        c.fail(
            c.line_of(welsh, key),
            f"{where}: the Welsh '{key}' has {len(value)} item(s) and the English "
            f"{english_count}; give one Welsh item for each, in the same order.",
        )
        return []
    return [v.strip() for v in value]


def without_welsh(data: Any) -> Any:
    """Parsed library data with every Welsh text taken out: what a version's English and
    structure are, so a file that only gains or changes Welsh is the same version."""
    if isinstance(data, dict):
        return {k: without_welsh(v) for k, v in data.items() if k not in (WELSH, "sha256")}
    if isinstance(data, list):
        return [without_welsh(v) for v in data]
    return data
