"""Demo Prevent concern and referral figures, entered by each provider's DSL.

Northfield Training (a small ITP) records for the whole organisation, and its figures are small,
so most show as "fewer than 5" outside the DSL's page; it has not yet recorded last term, so its
live signal warns. Riverside College records site by site for its three sites, with one term
corrected after an outcome arrived (the history keeps the first figures). Terms are relative to
today. Idempotent: a provider that already has figures is left alone.
"""

from django.utils import timezone

from demo.helpers import person
from referrals.models import MEASURE_FIELDS, Site, TermFigures
from referrals.rules import recent_terms
from referrals.services import figures_record, figures_update, site_create
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

# concerns, referrals made, adopted, Channel support, no further action; by terms ago.
NORTHFIELD = {
    5: (3, 1, 0, 0, 1),
    4: (6, 2, 1, 1, 1),
    3: (2, 0, 0, 0, 0),
    2: (4, 1, 1, 0, 0),
}
RIVERSIDE_SITES = {
    "Main campus": {
        5: (9, 3, 1, 1, 2),
        4: (12, 4, 2, 1, 2),
        3: (8, 2, 1, 0, 1),
        2: (11, 3, 2, 1, 1),
        1: (14, 5, 2, 1, 2),
    },
    "City centre campus": {
        5: (4, 1, 0, 0, 1),
        4: (6, 2, 1, 1, 1),
        3: (3, 1, 1, 0, 0),
        2: (5, 2, 1, 0, 1),
        1: (7, 2, 1, 1, 1),
    },
    "Engineering and construction centre": {
        5: (2, 0, 0, 0, 0),
        4: (1, 1, 0, 0, 1),
        3: (2, 1, 0, 0, 1),
        2: (3, 0, 0, 0, 0),
        1: (2, 1, 1, 0, 0),
    },
}
# A referral from last term at the main campus was adopted after the DSL first recorded it.
RIVERSIDE_FIRST_ENTRY = (14, 5, 1, 0, 2)


def _counts(values: tuple[int, ...]) -> dict[str, object]:
    return dict(zip(MEASURE_FIELDS, values, strict=True))


def seed_referral_figures() -> list[str]:
    today = timezone.localdate()
    terms = recent_terms(today)
    lines = []
    for slug, dsl in (("northfield-training", "dsl"), ("riverside-college", "qm")):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if TermFigures.objects.exists():
                continue
            by = person(organisation, dsl)
            if slug == "northfield-training":
                for ago, values in NORTHFIELD.items():
                    figures_record(
                        organisation=organisation,
                        term=terms[ago],
                        site=None,
                        counts=_counts(values),
                        today=today,
                        by=by,
                    )
            else:
                _seed_sites(organisation, terms, today, by)
        lines.append(f"{organisation.name}: referral figures by term")
    return lines


def _seed_sites(organisation: Organisation, terms, today, by) -> None:
    for name, rows in RIVERSIDE_SITES.items():
        site = Site.objects.filter(name=name).first() or site_create(
            organisation=organisation, name=name, by=by
        )
        for ago, values in rows.items():
            first = RIVERSIDE_FIRST_ENTRY if (name == "Main campus" and ago == 1) else values
            row = figures_record(
                organisation=organisation,
                term=terms[ago],
                site=site,
                counts=_counts(first),
                today=today,
                by=by,
            )
            if first != values:
                figures_update(figures=row, counts=_counts(values), by=by)
