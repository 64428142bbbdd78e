"""The subcontractor register's table rows, drawn in Python.

Fifty rows, each with two includes, a number format and half a dozen translated phrases, were
most of the register's rendering (issue 17). These write the markup the template wrote, with
its phrases (the same msgids); each phrase is escaped whole with its values, as the action
plan's rows are (`actionplans.plan_rows`). `tests/subcontractors/test_register_rows.py`
compares them with the template loop they replace.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.dates import short_date
from core.markup import NO_VALUE
from subcontractors.models import ReviewStatus, Subcontractor


@dataclass(frozen=True)
class Labels:
    """The columns' labels (each cell's `data-label`, for the stacked layout on phones)."""

    status: str
    risk: str
    contract_value: str
    next_review: str
    latest_review: str

    @classmethod
    def translated(cls) -> "Labels":
        return cls(
            gettext("Status"),
            gettext("Risk"),
            gettext("Contract value"),
            gettext("Next review"),
            gettext("Latest review"),
        )


def _contract_value(s: Subcontractor) -> SafeString:
    value = format_html("£{}", floatformat(s.contract_value, "2g"))
    if s.is_specified_authority:
        source = s.get_authority_source_display().lower()
        tag = gettext("Specified authority (%(source)s)") % {"source": source}
        return format_html('{} <span class="tag tag-warning">{}</span>', value, tag)
    if s.specified_authority == "unknown":
        return format_html(
            '{} <span class="tag tag-muted">{}</span>', value, gettext("Status not recorded")
        )
    return value


def _next_review(s: Subcontractor) -> SafeString:
    day = format_html("{}", short_date(s.next_review_date)) if s.next_review_date else NO_VALUE
    if not s.review_overdue:  # type: ignore[attr-defined]  # annotated by subcontractor_list
        return day
    return format_html('{} <span class="tag tag-danger">{}</span>', day, gettext("Review overdue"))


def _latest_review(s: Subcontractor) -> SafeString:
    status = s.latest_review_status  # type: ignore[attr-defined]  # annotated
    if not status:
        return format_html('<span class="muted">{}</span>', gettext("None yet"))
    due = gettext("due %(date)s") % {"date": short_date(s.latest_review_due)}  # type: ignore[attr-defined]
    return format_html(
        '<span class="tag tag-review-{}">{}</span> <span class="muted">{}</span>',
        status,
        ReviewStatus(status).label,
        due,
    )


def register_row(s: Subcontractor, *, org_slug: str, labels: Labels) -> SafeString:
    """One subcontractor's `<tr>` of the register (from `subcontractor_list`)."""
    url = reverse(
        "subcontractors:detail", kwargs={"org_slug": org_slug, "subcontractor_code": s.code}
    )
    risk = gettext("%(label)s risk") % {"label": s.get_risk_rating_display()}
    return format_html(
        '<tr{}>\n<th scope="row"><a href="{}">{}</a> <span class="muted ukprn">{}</span></th>\n'
        '<td data-label="{}"><span class="tag tag-subcontract-{}">{}</span></td>\n'
        '<td data-label="{}"><span class="tag tag-risk-{}">{}</span></td>\n'
        '<td data-label="{}">{}</td>\n<td data-label="{}">{}</td>\n<td data-label="{}">{}</td>\n'
        "</tr>",
        mark_safe(' class="is-overdue"') if s.review_overdue else "",  # type: ignore[attr-defined]
        url,
        s.name,
        gettext("UKPRN %(ukprn)s") % {"ukprn": s.ukprn},
        labels.status,
        s.status,
        s.get_status_display(),
        labels.risk,
        s.risk_rating,
        risk,
        labels.contract_value,
        _contract_value(s),
        labels.next_review,
        _next_review(s),
        labels.latest_review,
        _latest_review(s),
    )


def register_rows(subcontractors: Iterable[Subcontractor], *, org_slug: str) -> SafeString:
    labels = Labels.translated()
    return format_html_join(
        "\n",
        "{}",
        ((register_row(s, org_slug=org_slug, labels=labels),) for s in subcontractors),
    )
