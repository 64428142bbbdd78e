"""The evidence library's table rows, drawn in Python.

Fifty rows of a dozen template variables, date and size filters and translated tags each were
most of the library's rendering (issue 17). These write the markup the template wrote, with its
phrases (the same msgids), as the action plan's rows are (`actionplans.plan_rows`).
`tests/evidence/test_list_rows.py` compares them with the template loop they replace.
"""

from collections.abc import Iterable

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.dates import short_date
from core.markup import NO_VALUE
from evidence.models import EvidenceItem


def _title(item: EvidenceItem, url: str) -> SafeString:
    restricted = (
        format_html(' <span class="tag tag-restricted">{}</span>', gettext("Restricted"))
        if item.is_restricted
        else ""
    )
    archived = (
        format_html(' <span class="tag">{}</span>', gettext("Archived")) if item.is_archived else ""
    )
    return format_html('<a href="{}">{}</a>{}{}', url, item.title, restricted, archived)


def _validity(item: EvidenceItem) -> SafeString:
    if item.valid_until:
        until = format_html("{}", short_date(item.valid_until))
    else:
        until = format_html('<span class="muted">{}</span>', gettext("No expiry"))
    if item.is_expired:
        return format_html('{} <span class="tag tag-danger">{}</span>', until, gettext("Expired"))
    if item.expires_soon:
        tag = gettext("Expires soon")
        return format_html('{} <span class="tag tag-warning">{}</span>', until, tag)
    return until


def evidence_row(item: EvidenceItem, *, org_slug: str) -> SafeString:
    """One item's `<tr>` of the library (from `evidence_list`)."""
    url = reverse("evidence:detail", kwargs={"org_slug": org_slug, "evidence_code": item.code})
    owner = item.owner.display_name if item.owner is not None else ""
    return format_html(
        '<tr>\n<th scope="row">{}</th>\n<td>{}</td>\n<td>{}</td>\n'
        '<td class="evidence-validity">\n{}\n</td>\n<td>{}</td>\n<td>{}</td>\n</tr>',
        _title(item, url),
        item.file_type_label if item.is_file else item.get_kind_display(),
        short_date(item.effective_date) if item.effective_date else "",
        _validity(item),
        owner or "—",
        filesizeformat(item.size) if item.size is not None else NO_VALUE,
    )


def evidence_rows(items: Iterable[EvidenceItem], *, org_slug: str) -> SafeString:
    return format_html_join("\n", "{}", ((evidence_row(i, org_slug=org_slug),) for i in items))
