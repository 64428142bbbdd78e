"""Prevent concern and referral counts, entered by the designated safeguarding lead.

Counts only, by design: a row holds a term, optionally one of the provider's sites (chosen from
the list the provider keeps, never typed per entry) and five whole numbers. There is no free
text anywhere, so no learner can be named; the cases stay in the safeguarding case system.

A term is recorded either for the whole organisation (no site) or per site, never both, so
that a term's total is the sum of its rows.
"""

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from registers.terms import Term, term_of
from tenancy.models import TenantModel

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


class Site(TenantModel):
    """One of the provider's sites or delivery areas, defined once by the DSL."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=80)

    history = HistoricalRecords()
    url_kwarg = "site_code"

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="referral_site_unique")
        ]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Measure:
    field: str
    label: "_StrOrPromise"  # as a column heading
    help: "_StrOrPromise"


MEASURES = [
    Measure(
        "concerns_raised",
        _("Prevent concerns raised"),
        _(
            "Every Prevent-related concern brought to the DSL this term, whether or not it was "
            "referred."
        ),
    ),
    Measure(
        "referrals_made",
        _("Prevent referrals made"),
        _(
            "Concerns the DSL referred to the local authority or police Prevent team on the "
            "national Prevent referral form. A referral starts as a concern, so this is at most "
            "the concerns raised."
        ),
    ),
    Measure(
        "referrals_adopted",
        _("Referrals adopted"),
        _(
            "Referrals the Prevent team accepted for support: adopted as a Channel case or passed "
            "to other support. At most the referrals made."
        ),
    ),
    Measure(
        "channel_support",
        _("Channel support offered"),
        _(
            "Adopted referrals offered support through the Channel panel. Channel is one way a "
            "referral is adopted, so this is at most the referrals adopted."
        ),
    ),
    Measure(
        "no_further_action",
        _("No further action"),
        _(
            "Referrals closed by the Prevent team with no further action. With the referrals "
            "adopted, at most the referrals made (the rest are still being screened)."
        ),
    ),
]
MEASURE_FIELDS = [m.field for m in MEASURES]


def count_field(verbose_name: "_StrOrPromise") -> models.PositiveIntegerField:
    """A measure's count; its verbose name is the measure's label in lower case."""
    return models.PositiveIntegerField(verbose_name, default=0)


class TermFigures(TenantModel):
    """One term's counts, for the whole organisation (`site` empty) or for one site.

    Outcomes are counted against the term the referral was made in, and the row is updated as
    outcomes arrive (its history keeps every earlier figure and who changed it).
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term_start = models.DateField(help_text=_("The first day of the term (registers.terms)."))
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.PROTECT, related_name="figures"
    )
    concerns_raised = count_field(_("prevent concerns raised"))
    referrals_made = count_field(_("prevent referrals made"))
    referrals_adopted = count_field(_("referrals adopted"))
    channel_support = count_field(_("channel support offered"))
    no_further_action = count_field(_("no further action"))
    recorded_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "figures_code"

    class Meta(TenantModel.Meta):
        ordering = ["-term_start", "site__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term_start", "site"],
                condition=Q(site__isnull=False),
                name="referral_figures_one_per_term_and_site",
            ),
            models.UniqueConstraint(
                fields=["organisation", "term_start"],
                condition=Q(site__isnull=True),
                name="referral_figures_one_per_term",
            ),
            models.CheckConstraint(
                condition=Q(referrals_made__lte=F("concerns_raised"))
                & Q(referrals_adopted__lte=F("referrals_made"))
                & Q(channel_support__lte=F("referrals_adopted"))
                & Q(no_further_action__lte=F("referrals_made") - F("referrals_adopted")),
                name="referral_figures_consistent",
            ),
        ]

    @property
    def term(self) -> Term:
        return term_of(self.term_start)

    def counts(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in MEASURE_FIELDS}
