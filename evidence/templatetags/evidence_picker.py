"""`{% evidence_picker form.field %}`: the evidence picker for an `EvidenceLinksField` or
`EvidenceChoiceField` (evidence.picker). It draws only what is chosen (ticked, first) and a
search with filters; the library itself is never listed.

    {% load evidence_picker %}
    {% evidence_picker form.evidence linked=row.linked pid=response.code error_id="..." %}

`linked` passes items already read (the respond page prefetches them); without it the chosen
codes are looked up in one query. `pid` makes the ids unique when a page has several pickers.
"""

from typing import Any

from django import forms, template
from django.urls import reverse

from evidence.picker import KIND_FILTERS, STATUS_FILTERS, picked_items

register = template.Library()


@register.inclusion_tag("evidence/_picker.html", takes_context=True)
def evidence_picker(
    context: template.Context,
    bound: forms.BoundField,
    linked: Any = None,
    pid: Any = None,
    error_id: str = "",
    legend: str = "",
    hint: str = "",
) -> dict[str, Any]:
    field = bound.field
    pid = str(pid or bound.auto_id or bound.html_name)
    one = getattr(field, "picker_one", False)
    organisation = context["organisation"]
    return {
        "name": bound.html_name,
        "field_id": bound.auto_id,
        "pid": pid,
        "one": one,
        "normal_only": getattr(field, "normal_only", False),
        "linked": picked_items(bound) if linked is None else list(linked),
        "legend": legend or bound.label,
        "hint": hint or bound.help_text,
        "required": field.required,
        "errors": bound.errors,
        "error_id": error_id or f"error-{pid}-{bound.name}",
        "search_url": reverse("evidence:picker_search", kwargs={"org_slug": organisation.slug}),
        "kind_filters": KIND_FILTERS,
        "status_filters": STATUS_FILTERS,
    }
