"""The evidence picker: a form links evidence by searching the library, never by listing it,
so a page stays the same size whatever the library holds (10,000 items or more).

- `EvidenceLinksField` (several items) and `EvidenceChoiceField` (one) take the items' codes,
  validate only the codes they were sent (one query) against the evidence the person may see,
  and render no choices at all: `{% evidence_picker %}` (evidence/templatetags) draws what is
  linked, ticked, and a search box with filters.
- `evidence_picker_search` is that box's search (htmx): at most PICKER_LIMIT matches.
"""

import re
import uuid
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evidence.models import EvidenceItem, EvidenceKind, Sensitivity
from evidence.selectors import PICKER_LIMIT, EvidenceStatus, evidence_search, visible_evidence
from tenancy.access import OrgAccess, org_view
from tenancy.models import Organisation
from tenancy.roles import Perm

# A picker's form field name (with any prefix): anything else is refused, so the name can be
# written back into the page's attributes as it came.
FIELD_NAME = re.compile(r"[a-z][a-z0-9_-]{0,99}")
KIND_FILTERS = [("", "Any type"), (EvidenceKind.FILE, "Files"), (EvidenceKind.LINK, "Links")]
STATUS_FILTERS = [
    ("", "Any date"),
    (EvidenceStatus.CURRENT, "In date"),
    (EvidenceStatus.EXPIRING, "Expiring soon"),
    (EvidenceStatus.EXPIRED, "Expired"),
]
INVALID = "Choose evidence from your library."


def pickable_evidence(
    *,
    organisation: Organisation,
    access: OrgAccess | None,
    include=(),
    normal_only: bool = False,
) -> QuerySet[EvidenceItem]:
    """What a picker may link: the library's current items `access` may see (restricted ones
    only for those who may see them, none at all with `normal_only`), and what is already
    linked (`include`) even if archived since. Never listed: a field filters it by code."""
    wanted = Q(archived_at__isnull=True)
    ids = [item.pk for item in include if item is not None]
    if ids:
        wanted |= Q(pk__in=ids)
    items = visible_evidence(organisation=organisation, access=access).filter(wanted)
    if normal_only:
        items = items.filter(sensitivity=Sensitivity.NORMAL)
    return items


def _codes(values: Any) -> list[str]:
    """The well-formed codes among `values`; anything else would be refused anyway."""
    found = []
    for value in values or ():
        try:
            found.append(str(uuid.UUID(str(value))))
        except ValueError:
            continue
    return found


class EvidenceLinksField(forms.ModelMultipleChoiceField):
    """Several evidence items, posted as their codes. The widget writes only hidden inputs for
    the chosen codes, so even `{{ form.field }}` never lists the library."""

    widget = forms.MultipleHiddenInput
    picker_one = False

    def __init__(self, *, queryset=None, normal_only: bool = False, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid_choice", INVALID)
        kwargs["error_messages"].setdefault("invalid_pk_value", INVALID)
        super().__init__(queryset=queryset, to_field_name="code", **kwargs)
        self.normal_only = normal_only

    def clean(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)) and len(_codes(value)) != len(value):
            # Not a code at all: refused like another organisation's.
            raise forms.ValidationError(INVALID, code="invalid_choice")
        return super().clean(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return [v.code if isinstance(v, EvidenceItem) else v for v in value]
        return value.code if isinstance(value, EvidenceItem) else value


class EvidenceChoiceField(forms.ModelChoiceField):
    """One evidence item (or none), posted as its code; rendered by the picker with radios."""

    widget = forms.HiddenInput
    picker_one = True

    def __init__(self, *, queryset=None, normal_only: bool = False, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid_choice", INVALID)
        super().__init__(queryset=queryset, to_field_name="code", **kwargs)
        self.normal_only = normal_only

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, EvidenceItem) else value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not _codes([value]):
            raise forms.ValidationError(INVALID, code="invalid_choice")
        return super().to_python(value)


def picked_items(bound: forms.BoundField) -> list[EvidenceItem]:
    """What a picker shows chosen: what was sent (when the form comes back with an error, so
    nothing chosen is lost) or the initial items; codes are looked up in one query."""
    field = bound.field
    if bound.form.is_bound and bound.name in getattr(bound.form, "cleaned_data", {}):
        value = bound.form.cleaned_data[bound.name]
    elif bound.form.is_bound:
        value = bound.value()
    else:
        value = bound.initial
    values = list(value) if isinstance(value, (list, tuple, QuerySet)) else [value]
    items = [v for v in values if isinstance(v, EvidenceItem)]
    codes = _codes(v for v in values if not isinstance(v, EvidenceItem))
    if codes and isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        items += list(field.queryset.filter(code__in=codes).order_by("title"))
    return items


def _filters(request: HttpRequest) -> dict[str, Any]:
    kind = request.GET.get("picker_kind", "")
    status = request.GET.get("picker_status", "")
    return {
        "search": request.GET.get("picker_q", "")[:200],
        "kind": kind if kind in dict(KIND_FILTERS) else "",
        "status": status if status in dict(STATUS_FILTERS) else "",
        "mine": request.GET.get("picker_mine") == "1",
    }


@org_view(Perm.UPDATE_ASSIGNED_WORK)
def evidence_picker_search(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    field = request.GET.get("field", "")
    if not FIELD_NAME.fullmatch(field):
        return HttpResponse("Unknown evidence field.", status=400, content_type="text/plain")
    filters = _filters(request)
    items, more = evidence_search(
        organisation=access.organisation,
        access=access,
        exclude=_codes(request.GET.getlist(field))[:500],
        owner=request.user if filters["mine"] else None,
        normal_only=request.GET.get("normal") == "1",
        **{k: v for k, v in filters.items() if k != "mine"},
    )
    context = {
        "field": field,
        "one": request.GET.get("one") == "1",
        "search": filters["search"].strip(),
        "filtered": any(filters.values()),
        "items": items,
        "more": more,
        "limit": PICKER_LIMIT,
    }
    return render(request, "evidence/_picker_results.html", context)
