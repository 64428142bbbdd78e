"""The personal-data guard for one organisation: its people's names, its recorded decisions.

`core.personal_data` finds what looks like personal data; this module knows the organisation.
`personal_data_check` scans places (pieces of free text, each with where it is), leaves out what
someone has already confirmed is not personal data, records the confirmations sent with this
request and returns what is left. Two queries however many places: the members' names, and the
confirmations among the findings' keys.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.datastructures import MultiValueDict

from accounts.models import User
from core.personal_data import Finding, NameIndex, scan
from tenancy.models import Membership, Organisation, PersonalDataConfirmation

#: The name of the checkbox each finding offers ("This is not personal data").
CONFIRM_FIELD = "personal_data_confirm"

#: Who confirms: a signed-in person (`request.user`), or nobody with an account.
Actor = User | AnonymousUser | None


@dataclass(frozen=True)
class Place:
    """One piece of free text and where it is: `field` is a stable id (a form field's name,
    or "response-<code>-strengths"), `label` says where in words, `url` leads to it."""

    field: str
    label: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class PlacedFinding:
    place: Place
    finding: Finding

    @property
    def key(self) -> str:
        return self.finding.key

    @property
    def id(self) -> str:
        return f"pd-{self.place.field}-{self.finding.key[:12]}"


def organisation_names(organisation: Organisation) -> NameIndex:
    """Every member's full name, in one query (staff records can add theirs here later)."""
    names = Membership.objects.for_organisation(organisation).values_list("user__name", flat=True)
    return NameIndex(names)


def _scan(places: Iterable[Place], names: NameIndex) -> list[PlacedFinding]:
    return [PlacedFinding(place, f) for place in places for f in scan(place.text, names)]


def _confirmed(organisation: Organisation, findings: list[PlacedFinding]) -> set[str]:
    if not findings:
        return set()
    keys = {f.key for f in findings}
    rows = PersonalDataConfirmation.objects.for_organisation(organisation).filter(key__in=keys)
    return set(rows.values_list("key", flat=True))


def personal_data_check(
    *,
    organisation: Organisation,
    places: Iterable[Place],
    confirm: Iterable[str] = (),
    by: Actor = None,
    by_label: str = "",
) -> list[PlacedFinding]:
    """The findings in `places` nobody has confirmed; those whose keys are in `confirm` are
    recorded as confirmed (by `by`, or by `by_label` for someone without an account) first.

    Only keys of findings actually in `places` are recorded, so a forged key records nothing.
    """
    findings = _scan(places, organisation_names(organisation))
    confirmed = _confirmed(organisation, findings)
    wanted = set(confirm) - confirmed
    fresh = {f.key: f for f in findings if f.key in wanted}
    if fresh:
        personal_data_confirm(
            organisation=organisation, findings=list(fresh.values()), by=by, by_label=by_label
        )
        confirmed |= set(fresh)
    return [f for f in findings if f.key not in confirmed]


def personal_data_confirm(
    *,
    organisation: Organisation,
    findings: list[PlacedFinding],
    by: Actor = None,
    by_label: str = "",
) -> None:
    """Record that each finding is not personal data (a second record of a key is ignored)."""
    rows = [
        PersonalDataConfirmation(
            organisation=organisation,
            key=f.key,
            category=f.finding.category,
            where=f.place.label[:200],
            confirmed_by=by if isinstance(by, User) else None,
            confirmed_by_label=by_label[:200],
        )
        for f in findings
    ]
    with transaction.atomic():
        PersonalDataConfirmation.objects.for_organisation(organisation).bulk_create(
            rows, ignore_conflicts=True
        )


def form_places(form: forms.Form, names: Iterable[str], prefix: str = "") -> list[Place]:
    """A valid form's free-text fields as places (labelled as the form labels them)."""
    return [
        Place(
            field=form.add_prefix(name),
            label=f"{prefix}{form.fields[name].label or name}",
            text=str(form.cleaned_data.get(name) or ""),
        )
        for name in names
    ]


def show_in_form(form: forms.Form, findings: list[PlacedFinding]) -> None:
    """Attach each finding to its field, for `partials/field.html` to show beside it."""
    by_field: dict[str, list[PlacedFinding]] = {}
    for finding in findings:
        by_field.setdefault(finding.place.field, []).append(finding)
    for name, field in form.fields.items():
        field.personal_data = by_field.get(form.add_prefix(name), [])  # type: ignore[attr-defined]


def confirmed_keys(data: MultiValueDict[str, Any]) -> list[str]:
    """The findings ticked "This is not personal data" in a POST."""
    return [key for key in data.getlist(CONFIRM_FIELD) if len(key) == 64]


def guard_form(
    form: forms.Form,
    *,
    organisation: Organisation,
    fields: Iterable[str],
    data: MultiValueDict[str, Any],
    by: Actor = None,
    by_label: str = "",
    where: str = "",
) -> bool:
    """Whether a valid form's free text may be saved: True when nothing unconfirmed looks like
    personal data. Otherwise each finding is attached beside its field (with its checkbox) and
    `form.personal_data_count` says how many, for `partials/personal_data_notice.html`."""
    findings = personal_data_check(
        organisation=organisation,
        places=form_places(form, fields, prefix=where),
        confirm=confirmed_keys(data),
        by=by,
        by_label=by_label,
    )
    show_in_form(form, findings)
    form.personal_data_count = len(findings)  # type: ignore[attr-defined]
    return not findings
