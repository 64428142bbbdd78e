"""The summary page's heatmap and gaps rows, drawn in Python.

A criterion's row links each of its benchmarks, and a self-evaluation has some forty: the
template spent most of the page's rendering looking up their half-dozen values each (issue 17).
These write the markup the template wrote, with its phrases (the same msgids).
`tests/assessments/test_summary_html.py` compares them with the template loops they replace.
"""

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from assessments.summary import Cell, CriterionRow

#: The words of a benchmark's statement shown beside its code in the gaps table.
GAP_STATEMENT_WORDS = 14


def _cells(cells: Iterable[Cell], criterion_url: str) -> SafeString:
    return format_html_join(
        "",
        '<li class="cell {}"><a href="{}#response-{}" title="{}: {}">{}'
        '<span class="visually-hidden">: {}</span></a></li>',
        (
            (
                cell.css,
                criterion_url,
                cell.response.code,
                cell.response.benchmark.code,
                cell.label,
                cell.response.benchmark.code,
                cell.label,
            )
            for cell in cells
        ),
    )


def heatmap_row(row: CriterionRow, *, respond_url: str) -> SafeString:
    """One criterion's `<tr>`: its title, its benchmarks' cells and the count at each level."""
    criterion = row.criterion
    criterion_url = f"{respond_url}?criterion={criterion.code}"
    counts = format_html_join(
        "", '<td class="num">{}</td>', ((count or "",) for count in row.counts.values())
    )
    return format_html(
        '<tr>\n<th scope="row"><a href="{}">{} {}</a></th>\n'
        '<td><ul class="cells">{}</ul></td>\n{}\n</tr>',
        criterion_url,
        criterion.code,
        criterion.shown_title,
        _cells(row.cells, criterion_url),
        counts,
    )


def heatmap_rows(rows: Iterable[CriterionRow], *, respond_url: str) -> SafeString:
    return format_html_join("\n", "{}", ((heatmap_row(r, respond_url=respond_url),) for r in rows))


def gap_row(gap: dict[str, Any], *, not_rated: str) -> SafeString:
    """One gap's `<tr>`: the benchmark, its level (or `not_rated`), its evidence confidence and
    the areas for improvement the provider wrote."""
    response, level, confidence = gap["response"], gap["level"], gap["confidence"]
    statement = Truncator(response.benchmark.shown_text).words(GAP_STATEMENT_WORDS, truncate=" …")
    confidence_tag = (
        format_html('<span class="tag rag-{}">{}</span>', confidence.value, confidence.label)
        if confidence
        else "—"
    )
    return format_html(
        '<tr>\n<th scope="row">{} <span class="muted">{}</span></th>\n'
        "<td>{}</td>\n<td>{}</td>\n<td>{}</td>\n</tr>",
        response.benchmark.code,
        statement,
        f"{level.value} {level.label}" if level else not_rated,
        confidence_tag,
        linebreaksbr(response.improvements, autoescape=True) or "—",
    )


def gap_rows(gaps: Iterable[dict[str, Any]]) -> SafeString:
    not_rated = gettext("Not rated")
    return format_html_join("\n", "{}", ((gap_row(g, not_rated=not_rated),) for g in gaps))
