"""The dashboard's and the pack's referral trend: the DSL's figures per term, suppressed.

Only `referrals.selectors.public_trend` is read, which carries the figures already through
`referrals.suppression.shown`: the board sees the trend, never a case or an exact small figure.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from referrals.selectors import PublicTrend, public_trend
from reporting import charts
from reporting.figures import org_url
from tenancy.models import Organisation

# The chart draws the two figures a board follows; the table beside it has all five.
CHART_SERIES = {0: (_("Concerns raised"), "#0b5566"), 1: (_("Referrals made"), "#b26a00")}


@dataclass
class ReferralPanel:
    trend: PublicTrend
    chart: SafeString | None
    url: str


def trend_chart(trend: PublicTrend) -> SafeString | None:
    recorded = [t for t in trend.terms if t.recorded]
    if not recorded:
        return None
    groups = [
        (
            t.short,
            [
                (str(name), t.cells[i].chart, t.cells[i].text, colour)
                for i, (name, colour) in CHART_SERIES.items()
            ],
        )
        for t in recorded
    ]
    return charts.svg(
        charts.suppressed_bars(
            groups, gettext("Prevent concerns raised and referrals made per term")
        )
    )


def referral_panel(*, organisation: Organisation, today: date) -> ReferralPanel:
    trend = public_trend(organisation=organisation, today=today)
    return ReferralPanel(trend, trend_chart(trend), org_url("referrals:index", organisation))
