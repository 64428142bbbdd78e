"""The evidence picker's search (htmx): a self-evaluation links evidence by searching the
library, never by listing it, so the respond page stays the same size whatever the library holds.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evidence.selectors import PICKER_LIMIT, evidence_search
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

# The picker's form field: "r-<response code>-evidence". Anything else is refused.
FIELD_NAME = re.compile(r"r-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-evidence")


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()][:500]


@org_view(Perm.UPDATE_ASSIGNED_WORK)
def evidence_picker_search(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    field = request.GET.get("field", "")
    if not FIELD_NAME.fullmatch(field):
        return HttpResponse("Unknown evidence field.", status=400, content_type="text/plain")
    search = request.GET.get("q", "")[:200]
    items, more = evidence_search(
        organisation=access.organisation,
        access=access,
        search=search,
        exclude=_ids(request.GET.getlist(field)),
    )
    context = {
        "field": field,
        "search": search.strip(),
        "items": items,
        "more": more,
        "limit": PICKER_LIMIT,
    }
    return render(request, "evidence/_picker_results.html", context)
