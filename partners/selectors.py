"""Read queries for the partner pages, the signals and the pack. They take the organisation."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from core.history import change_summaries
from partners.models import (
    REQUIRED_KINDS,
    DeliveryArea,
    Engagement,
    EngagementKind,
    PartnerContact,
    PartnerKind,
)
from tenancy.models import Organisation

YEAR = timedelta(days=365)


def area_list(*, organisation: Organisation) -> QuerySet[DeliveryArea]:
    """Delivery areas with their current contacts counted by kind: one query."""
    counts = {
        f"n_{kind.value}": Count(
            "contacts", filter=Q(contacts__is_current=True, contacts__kind=kind)
        )
        for kind in PartnerKind
    }
    return (
        DeliveryArea.objects.for_organisation(organisation)
        .select_related("organisation")
        .annotate(n_contacts=Count("contacts", filter=Q(contacts__is_current=True)), **counts)
        .order_by("name")
    )


def contact_list(
    *,
    organisation: Organisation,
    q: str = "",
    area: DeliveryArea | None = None,
    kind: str = "",
    current: bool | None = True,
) -> QuerySet[PartnerContact]:
    """Partner contacts, filtered, with the date each was last engaged: one query."""
    contacts = (
        PartnerContact.objects.for_organisation(organisation)
        .select_related("organisation", "area", "owner")
        .annotate(last_engaged=Max("engagements__occurred_on"))
    )
    if current is not None:
        contacts = contacts.filter(is_current=current)
    if area is not None:
        contacts = contacts.filter(area=area)
    if kind:
        contacts = contacts.filter(kind=kind)
    for word in q.split()[:6]:
        contacts = contacts.filter(
            Q(organisation_name__icontains=word)
            | Q(contact_name__icontains=word)
            | Q(role__icontains=word)
            | Q(email__icontains=word)
            | Q(area__name__icontains=word)
        )
    return contacts.order_by("area__name", "kind", "organisation_name", "pk")


def engagement_list(
    *,
    organisation: Organisation,
    q: str = "",
    area: DeliveryArea | None = None,
    kind: str = "",
    contact: PartnerContact | None = None,
) -> QuerySet[Engagement]:
    """The advice log, newest first, filtered: one query."""
    engagements = Engagement.objects.for_organisation(organisation).select_related(
        "organisation",
        "contact__area",
        "received_by",
        "action__organisation",
        "risk__organisation",
    )
    if contact is not None:
        engagements = engagements.filter(contact=contact)
    if area is not None:
        engagements = engagements.filter(contact__area=area)
    if kind:
        engagements = engagements.filter(kind=kind)
    for word in q.split()[:6]:
        engagements = engagements.filter(
            Q(summary__icontains=word)
            | Q(what_changed__icontains=word)
            | Q(contact__organisation_name__icontains=word)
            | Q(contact__contact_name__icontains=word)
        )
    return engagements.order_by("-occurred_on", "-pk")


def _in_text(label: str) -> str:
    """ "Local authority Prevent lead" as it reads mid-sentence (a lazy label forced first)."""
    label = str(label)
    return label[0].lower() + label[1:]


@dataclass
class KindCell:
    kind: str
    label: str
    contacts: int
    last: date | None
    stale: bool = False  # last engaged more than a year ago


@dataclass
class AreaRow:
    area: DeliveryArea
    cells: list[KindCell]
    missing: list[str] = field(default_factory=list)  # labels of required kinds with no contact

    @property
    def last(self) -> date | None:
        dates = [c.last for c in self.cells if c.last]
        return max(dates) if dates else None


def _last_dates(organisation: Organisation, area_ids: Iterable[int]) -> dict[tuple[int, str], date]:
    rows = (
        Engagement.objects.for_organisation(organisation)
        .filter(contact__area_id__in=list(area_ids))
        .values("contact__area_id", "contact__kind")
        .annotate(last=Max("occurred_on"))
        .order_by()
    )
    return {(r["contact__area_id"], r["contact__kind"]): r["last"] for r in rows}


def last_contact(
    *, organisation: Organisation, areas: Iterable[DeliveryArea], today: date | None = None
) -> list[AreaRow]:
    """For each of `areas` (from `area_list`), when each kind of partner was last engaged and
    which required kinds have no current contact: one query beyond the areas'."""
    today = today or timezone.localdate()
    areas = list(areas)
    last = _last_dates(organisation, (a.pk for a in areas))
    rows = []
    for area in areas:
        cells = []
        for kind in PartnerKind:
            day = last.get((area.pk, kind.value))
            stale = day is not None and today - day > YEAR
            cells.append(
                KindCell(kind, str(kind.label), getattr(area, f"n_{kind.value}"), day, stale)
            )
        missing = [_in_text(c.label) for c in cells if c.kind in REQUIRED_KINDS and not c.contacts]
        rows.append(AreaRow(area, cells, missing))
    return rows


def partner_summary(*, organisation: Organisation, today: date | None = None) -> dict:
    """The register at a glance, in three queries: for the signals, the index and the pack."""
    today = today or timezone.localdate()
    rows = last_contact(
        organisation=organisation, areas=area_list(organisation=organisation), today=today
    )
    year_ago = today - YEAR
    in_year = Q(occurred_on__gt=year_ago)
    led = Q(action__isnull=False) | Q(risk__isnull=False)
    briefing = in_year & Q(kind=EngagementKind.BRIEFING)
    advice = in_year & Q(kind=EngagementKind.ADVICE)
    counts = Engagement.objects.for_organisation(organisation).aggregate(
        in_year=Count("pk", filter=in_year),
        meetings=Count("pk", filter=in_year & Q(kind=EngagementKind.MEETING)),
        training=Count("pk", filter=in_year & Q(kind=EngagementKind.TRAINING)),
        briefings=Count("pk", filter=briefing),
        briefings_to_action=Count("pk", filter=briefing & Q(action__isnull=False)),
        briefings_to_risk=Count("pk", filter=briefing & Q(risk__isnull=False)),
        briefings_led=Count("pk", filter=briefing & led),
        advice=Count("pk", filter=advice),
        advice_led=Count("pk", filter=advice & led),
        last=Max("occurred_on"),
    )
    return counts | {
        "today": today,
        "areas": rows,
        "contacts": sum(sum(c.contacts for c in r.cells) for r in rows),
        "without_partner": [r.area.name for r in rows if not r.area.n_contacts],
        "flagged": [r for r in rows if r.missing],
    }


def contact_history(*, contact: PartnerContact) -> list[dict]:
    return change_summaries(contact, added=gettext("Added to the partner register"))


def engagement_history(*, engagement: Engagement) -> list[dict]:
    return change_summaries(engagement, added=gettext("Recorded"))
