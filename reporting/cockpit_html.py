"""The cockpit's provider rows, drawn in Python.

Fifty rows of seven translated phrases each, dates and links were most of the portfolio's
time when the template drew them (Django's `{% blocktranslate %}` costs tens of microseconds a
phrase). The phrases are the template's own (the same msgids, so the Welsh catalogue serves
both); each phrase is escaped whole, its values with it, as the dashboard's cells are.
"""

from datetime import datetime
from typing import Any

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from assessments.models import Assessment, Status
from core.dates import short_date
from core.templatetags.html_time import html_datetime
from reporting.cockpit import ProviderRow
from reporting.figures import NONE_SHOWN


def _day(moment: datetime) -> str:
    return short_date(timezone.localtime(moment))


def _count_cell(label: str, count: int | None, url: str, name: str) -> SafeString:
    if not count:
        shown = NONE_SHOWN
    else:
        hidden = gettext("overdue at %(name)s") % {"name": name}
        shown = format_html(
            '<a class="overdue-count" href="{}">{}<span class="visually-hidden"> {}</span></a>',
            url,
            count,
            hidden,
        )
    return format_html('<td data-label="{}" class="num">{}</td>', label, shown)


def _provider(row: ProviderRow) -> SafeString:
    o: Any = row.organisation  # annotated by the cockpit's query (member_count)
    members = ngettext(
        "%(n)s member · onboarded %(date)s", "%(n)s members · onboarded %(date)s", o.member_count
    )
    return format_html(
        '<th scope="row">\n        <a href="{}">{}</a>\n'
        '        <span class="cockpit-meta">{}</span>\n'
        '        <span class="cockpit-meta">{}</span>\n'
        '        <a class="cockpit-meta" href="{}">{}<span class="visually-hidden"> {}</span></a>\n'
        "      </th>",
        o.get_absolute_url(),
        o.name,
        gettext("UKPRN %(ukprn)s · %(type)s")
        % {"ukprn": o.ukprn, "type": o.get_provider_type_display()},
        members % {"n": o.member_count, "date": _day(o.created_at)},
        row.dashboard_url,
        gettext("Dashboard"),
        gettext("of %(name)s") % {"name": o.name},
    )


def _attention(row: ProviderRow) -> SafeString:
    if row.reasons:
        reasons = format_html_join("", "<li>{}</li>", ((r,) for r in row.reasons))
        shown = format_html('<ul class="attention-list">{}</ul>', reasons)
    else:
        shown = format_html('<span class="tag tag-success">{}</span>', gettext("All in hand"))
    return format_html(
        '<td data-label="{}">\n        {}\n      </td>', gettext("Needs attention"), shown
    )


def _assessment_date(a: Assessment) -> str:
    if a.status == Status.APPROVED and a.approved_at:
        return gettext("Approved %(date)s") % {"date": _day(a.approved_at)}
    if a.status == Status.SUBMITTED and a.submitted_at:
        return gettext("Submitted %(date)s") % {"date": _day(a.submitted_at)}
    return gettext("Started %(date)s") % {"date": _day(a.created_at)}


def _assessment(row: ProviderRow) -> SafeString:
    a = row.assessment
    if a is None:
        shown = format_html('<span class="muted">{}</span>', gettext("Not started"))
    else:
        url = reverse(
            "assessments:detail",
            kwargs={"org_slug": row.organisation.slug, "assessment_code": a.code},
        )
        chart = ""
        if row.profile_chart:
            levels = ngettext(
                "Levels of its %(n)s benchmark", "Levels of its %(n)s benchmarks", row.profile_total
            )
            chart = format_html(
                '{}<span class="cockpit-meta">{}</span>',
                row.profile_chart,
                levels % {"n": row.profile_total},
            )
        shown = format_html(
            '<a href="{}">{}</a><br>\n          '
            '<span class="tag tag-status-{}">{}</span>\n'
            '          <span class="cockpit-meta">{}</span>\n          {}',
            url,
            a.title,
            a.status,
            a.get_status_display(),
            _assessment_date(a),
            chart,
        )
    return format_html(
        '<td data-label="{}">\n        {}\n      </td>', gettext("Latest self-evaluation"), shown
    )


def _last_activity(row: ProviderRow) -> SafeString:
    moment = row.last_activity
    if moment:
        shown = format_html(
            '<time datetime="{}">{}</time><span class="cockpit-meta">{}</span>',
            html_datetime(moment),
            _day(moment),
            naturaltime(moment),
        )
    else:
        shown = format_html('<span class="muted">{}</span>', gettext("No activity yet"))
    return format_html('<td data-label="{}">{}</td>', gettext("Last activity"), shown)


def _set_up(row: ProviderRow) -> SafeString:
    o: Any = row.organisation  # annotated by the cockpit's query
    if o.quality_manager_count:
        manager = ("success", gettext("Quality manager in place"))
    elif o.has_pending_invitation:
        manager = ("warning", gettext("Waiting for quality manager"))
    else:
        manager = ("danger", gettext("No quality manager"))
    if row.referral_figures_current:
        referrals = ("success", gettext("Referral figures up to date"))
    else:
        referrals = ("warning", gettext("Referral figures: last term missing"))
    tags = format_html_join(
        "\n        ", '<span class="tag tag-{}">{}</span>', [manager, referrals]
    )
    steps = ""
    if not row.onboarding_complete:
        items = format_html_join(
            "",
            '<li class="{}">{}<span class="visually-hidden">: {}</span></li>',
            (
                ("step-done", label, gettext("done"))
                if done
                else ("step-todo", label, gettext("not yet"))
                for label, done in row.onboarding_steps
            ),
        )
        steps = format_html(
            '\n          <ul class="onboarding-steps" aria-label="{}">\n            {}\n'
            "          </ul>",
            gettext("Onboarding of %(name)s") % {"name": o.name},
            items,
        )
    return format_html(
        '<td data-label="{}">\n        {}{}\n      </td>', gettext("Set-up"), tags, steps
    )


def provider_row(row: ProviderRow, *, show_reviews: bool) -> SafeString:
    """One provider's `<tr>` of the cockpit table."""
    name = row.organisation.name
    cells = [
        _provider(row),
        _attention(row),
        _assessment(row),
        _count_cell(gettext("Overdue actions"), row.overdue_actions, row.overdue_actions_url, name),
    ]
    if show_reviews:
        cells.append(
            _count_cell(
                gettext("Overdue reviews"), row.overdue_reviews, row.overdue_reviews_url, name
            )
        )
    cells += [_last_activity(row), _set_up(row)]
    return format_html(
        "<tr{}>\n      {}\n    </tr>",
        mark_safe(' class="needs-attention"') if row.score else "",
        format_html_join("\n      ", "{}", ((c,) for c in cells)),
    )
