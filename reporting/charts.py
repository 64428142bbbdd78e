"""Charts drawn on the server as SVG, so the same charts appear in the browser and the PDF.

Every chart carries a text alternative (`<title>`, `aria-label`) and is accompanied on the page
by the numbers it shows. SVG attributes (not inline CSS) carry the geometry and colours, which
the strict Content-Security-Policy allows.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

LEVEL_COLOURS = {1: "#1f6f43", 2: "#8cc78f", 3: "#f2b33d", 4: "#b3261e"}
RAG_COLOURS = {"green": "#1f6f43", "amber": "#b26a00", "red": "#b3261e"}
NA_COLOUR, UNRATED_COLOUR = "#c9d0d6", "#e4e8ec"
STATUS_COLOURS = {
    "done": "#1f6f43",
    "in_progress": "#0b5566",
    "not_started": "#9aa5b1",
    "blocked": "#b26a00",
    "overdue": "#b3261e",
}
RISK_COLOURS = {"high": "#b3261e", "medium": "#b26a00", "low": "#1f6f43"}


@dataclass
class Segment:
    label: str
    value: int
    colour: str
    key_class: str = ""  # a stylesheet class with the same colour, for a legend's key


def svg(markup: str) -> SafeString:
    """A chart from this module, ready for a template."""
    # The chart builders escape every piece of text they put in the markup.
    return mark_safe(markup)  # noqa: S308


def _attr(text: str) -> str:
    """Text made safe for a double-quoted SVG attribute (names and titles come from data)."""
    return escape(text, {'"': "&quot;"})


def _text_colour(fill: str) -> str:
    return "#ffffff" if fill in {"#1f6f43", "#b3261e", "#0b5566", "#b26a00"} else "#1b2733"


def stacked_bar(
    segments: list[Segment],
    title: str,
    width: int = 640,
    height: int = 36,
    *,
    show_values: bool = True,
    css_class: str = "chart",
) -> str:
    """A horizontal bar split into segments. `show_values=False` draws a compact bar (for a
    table row) without the numbers inside it; its text alternative still carries them."""
    total = sum(s.value for s in segments) or 1
    label = f"{title}: " + ", ".join(f"{s.label} {s.value}" for s in segments)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{_attr(css_class)}" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    x = 0.0
    for s in segments:
        if not s.value:
            continue
        w = width * s.value / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{s.colour}">'
            f"<title>{escape(s.label)}: {s.value}</title></rect>"
        )
        if show_values and w > 26:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle" '
                f'font-size="14" font-family="DejaVu Sans, sans-serif" '
                f'fill="{_text_colour(s.colour)}">{s.value}</text>'
            )
        x += w
    parts.append("</svg>")
    return "".join(parts)


def heatmap(rows: list[tuple[str, list[tuple[str, str]]]], title: str, cell: int = 44) -> str:
    """rows: (criterion code, [(cell label, fill colour), ...]); a cell label is
    "<benchmark code>: <its level>". The text alternative lists every cell, row by row."""
    label_w = 56
    columns = max((len(cells) for _, cells in rows), default=1)
    width, height = label_w + columns * (cell + 4), len(rows) * (cell // 2 + 8) + 4
    none = gettext("none")
    label = " ".join(
        [f"{title}."]
        + [f"{row}: {', '.join(text for text, _ in cells) or none}." for row, cells in rows]
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for r, (row_label, cells) in enumerate(rows):
        y = r * (cell // 2 + 8) + 4
        parts.append(
            f'<text x="0" y="{y + cell // 4 + 5}" font-size="13" font-weight="bold" '
            f'font-family="DejaVu Sans, sans-serif" fill="#1b2733">{escape(row_label)}</text>'
        )
        for c, (cell_label, fill) in enumerate(cells):
            x = label_w + c * (cell + 4)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell // 2}" rx="3" fill="{fill}">'
                f"<title>{escape(cell_label)}</title></rect>"
                f'<text x="{x + cell / 2}" y="{y + cell // 4 + 4}" text-anchor="middle" '
                f'font-size="10" font-family="DejaVu Sans, sans-serif" '
                f'fill="{_text_colour(fill)}">{escape(cell_label.split(":")[0])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def bars(items: list[tuple[str, float, str]], title: str, unit: str = "", width: int = 640) -> str:
    """Vertical bars: (label, value, colour). Used for the trend across cycles."""
    bar_w, gap, top, bottom = 56, 28, 20, 40
    height = 200
    maximum = max((v for _, v, _ in items), default=1) or 1
    width = max(width, len(items) * (bar_w + gap) + gap)
    label = f"{title}: " + ", ".join(f"{name} {value:g}{unit}" for name, value, _ in items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="#9aa5b1" stroke-width="1"/>',
    ]
    for i, (name, value, colour) in enumerate(items):
        h = (height - top - bottom) * value / maximum
        x = gap + i * (bar_w + gap)
        y = height - bottom - h
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="{colour}">'
            f"<title>{escape(name)}: {value:g}{unit}</title></rect>"
            f'<text x="{x + bar_w / 2}" y="{y - 5:.1f}" text-anchor="middle" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif" fill="#1b2733">{value:g}{unit}</text>'
            f'<text x="{x + bar_w / 2}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11" font-family="DejaVu Sans, sans-serif" fill="#4f5d6b">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def suppressed_bars(
    groups: list[tuple[str, list[tuple[str, int | None, str, str]]]],
    title: str,
    *,
    ceiling: int = 5,
) -> str:
    """Grouped vertical bars: (group label, [(series, value or None, shown text, colour)]).

    A value of None is a suppressed small number: drawn as a dashed outline up to `ceiling`
    (so its height says no more than its text, "fewer than 5") and labelled "<5"; the text
    alternative uses each value's shown text, so it never carries more than the page does."""
    height, top, bottom, bar_w, inner, gap = 220, 44, 40, 20, 4, 26
    series = max((len(bars) for _, bars in groups), default=1)
    group_w = series * (bar_w + inner)
    width = max(420, len(groups) * (group_w + gap) + gap)
    values = [v for _, bars in groups for _, v, _, _ in bars if v is not None]
    maximum = max([ceiling, *values])
    scale = (height - top - bottom) / maximum
    label = f"{title}: " + "; ".join(
        f"{name}: " + ", ".join(f"{s} {text}" for s, _, text, _ in bars) for name, bars in groups
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="#9aa5b1" stroke-width="1"/>',
    ]
    font = 'font-family="DejaVu Sans, sans-serif"'
    parts.append(_legend([(n, c) for n, _, _, c in (groups[0][1] if groups else [])], font))
    for g, (name, bars) in enumerate(groups):
        x0 = gap + g * (group_w + gap)
        for b, (series_name, value, text, colour) in enumerate(bars):
            x = x0 + b * (bar_w + inner)
            h = (value if value is not None else ceiling) * scale
            y = height - bottom - h
            parts.append(
                _suppressible_bar(
                    x, y, bar_w, h, value, colour, f"{name}, {series_name}: {text}", font
                )
            )
        parts.append(
            f'<text x="{x0 + group_w / 2}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11" {font} fill="#4f5d6b">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend(series: list[tuple[str, str]], font: str) -> str:
    """The key: one swatch per series, then the dashed outline of a suppressed figure."""
    parts, x = [], 0
    for name, colour in series:
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="14" font-size="11" {font} fill="#1b2733">{escape(name)}</text>'
        )
        x += 28 + 7 * len(name)
    fewer = escape(gettext("fewer than 5"))
    parts.append(
        f'<rect x="{x}" y="4" width="12" height="12" fill="#ffffff" stroke="#4f5d6b" '
        f'stroke-dasharray="3 2"/><text x="{x + 16}" y="14" font-size="11" {font} '
        f'fill="#1b2733">{fewer}</text>'
    )
    return "".join(parts)


def _suppressible_bar(
    x: float, y: float, bar_w: int, h: float, value: int | None, colour: str, tip: str, font: str
) -> str:
    """A bar and its caption; a suppressed one (None) is a dashed outline captioned "<5"."""
    title = f"<title>{escape(tip)}</title>"
    if value is None:
        shape = (
            f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="3 2">{title}</rect>'
        )
        caption = "&lt;5"
    else:
        shape = (
            f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" '
            f'fill="{colour}">{title}</rect>'
        )
        caption = str(value)
    return shape + (
        f'<text x="{x + bar_w / 2}" y="{y - 4:.1f}" text-anchor="middle" '
        f'font-size="10" {font} fill="#1b2733">{caption}</text>'
    )
