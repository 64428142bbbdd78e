"""The organisation's search page: one box in the header of every organisation page
(search/_header_box.html), results grouped by kind, each linking to the object."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from search.selectors import MIN_LENGTH, PER_KIND, clean_query, organisation_search
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm


@org_view(Perm.VIEW_ORGANISATION)
def search_results(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    groups = organisation_search(access=access, query=query)
    context = {
        "access": access,
        "organisation": access.organisation,
        "query": query,
        "too_short": bool(query) and len(query) < MIN_LENGTH,
        "groups": groups,
        "found": sum(len(group.hits) for group in groups),
        "per_kind": PER_KIND,
    }
    return render(request, "search/results.html", context)
