"""Changes to the referral figures and the list of sites (`<entity>_<action>(..., by=user)`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_lazy

from referrals.models import MEASURE_FIELDS, Site, TermFigures
from referrals.rules import WHOLE_NUMBER, consistency_errors, count_errors, recent_terms
from registers.terms import Term
from tenancy.models import Organisation

MIXED_WHOLE = gettext_lazy(
    "This term is already recorded site by site: choose a site, so the term is not counted twice."
)
MIXED_SITES = gettext_lazy(
    "This term is already recorded for the whole organisation: change that row, or remove it "
    "before recording by site."
)


def _duplicate_term(site: Site | None, whole: bool = False) -> str:
    if site is not None:
        return gettext(
            "Figures for this term are already recorded for %(site)s: change that row instead."
        ) % {"site": site.name}
    if whole:
        return gettext(
            "Figures for this term are already recorded for the whole organisation: change that "
            "row instead."
        )
    return gettext("Figures for this term are already recorded: change that row instead.")


def _check(counts: dict[str, object]) -> dict[str, int]:
    missing = [f for f in MEASURE_FIELDS if f not in counts]
    if missing:
        raise ValidationError({f: str(WHOLE_NUMBER) for f in missing})
    errors = count_errors({f: counts[f] for f in MEASURE_FIELDS})
    if errors:
        raise ValidationError(errors)
    checked = {f: int(counts[f]) for f in MEASURE_FIELDS}  # type: ignore[call-overload]
    errors = consistency_errors(checked)
    if errors:
        raise ValidationError(errors)
    return checked


def _check_term(organisation: Organisation, term: Term, site: Site | None, today: date) -> None:
    if term not in recent_terms(today):
        raise ValidationError({"term": gettext("Choose this term or one of the five before it.")})
    if site is not None and site.organisation_id != organisation.pk:
        raise ValidationError({"site": gettext("Choose one of your sites.")})
    rows = TermFigures.objects.for_organisation(organisation).filter(term_start=term.start)
    if site is None and rows.filter(site__isnull=False).exists():
        raise ValidationError({"site": str(MIXED_WHOLE)})
    if site is not None and rows.filter(site__isnull=True).exists():
        raise ValidationError({"site": str(MIXED_SITES)})
    if rows.filter(site=site).exists():
        raise ValidationError({"term": _duplicate_term(site, whole=True)})


def figures_record(
    *,
    organisation: Organisation,
    term: Term,
    site: Site | None,
    counts: dict[str, object],
    today: date,
    by,
) -> TermFigures:
    """A new row for a term (and site). A second row for the same term and site is refused,
    also when two submits race (the unique constraints decide)."""
    checked = _check(counts)
    _check_term(organisation, term, site, today)
    figures = TermFigures(
        organisation=organisation, term_start=term.start, site=site, recorded_by=by, **checked
    )
    figures._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            figures.save()
    except IntegrityError as exc:
        raise ValidationError({"term": _duplicate_term(site)}) from exc
    return figures


def figures_update(*, figures: TermFigures, counts: dict[str, object], by) -> TermFigures:
    """New counts for an existing row; its history keeps the old ones and who changed them."""
    checked = _check(counts)
    for field, value in checked.items():
        setattr(figures, field, value)
    figures.recorded_by = by
    figures._history_user = by  # type: ignore[attr-defined]
    figures.save()
    return figures


def _already_listed(name: str) -> str:
    return gettext("%(name)s is already in the list.") % {"name": name}


def site_create(*, organisation: Organisation, name: str, by) -> Site:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": gettext("Enter the site's name.")})
    sites = Site.objects.for_organisation(organisation)
    if sites.filter(name__iexact=name).exists():
        raise ValidationError({"name": _already_listed(name)})
    site = Site(organisation=organisation, name=name)
    site._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError as exc:
        raise ValidationError({"name": _already_listed(name)}) from exc
    return site
