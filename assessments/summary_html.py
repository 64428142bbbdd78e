"""The summary page's heatmap rows, drawn in Python.

A criterion's row links each of its benchmarks, and a self-evaluation has some forty: the
template spent most of the page's rendering looking up their half-dozen values each (issue 17).
This writes the markup the template wrote. `tests/assessments/test_summary_html.py` compares it
with the template loop it replaces.
"""

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments.summary import Cell, CriterionRow


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
