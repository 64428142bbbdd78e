"""One page of a list, so no page's time or size grows with the data.

Filters and sorting stay in the query string: the page links change `page` and keep every other
parameter, so a filtered, sorted list can be paged, bookmarked and shared.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
PAGE_PARAM = "page"


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], *, per_page: int = PER_PAGE
) -> Page[Any]:
    """The requested page of `items` (an ordered queryset, or a list already in order); a bad
    or too-large number gives the nearest real page rather than an error. A queryset costs one
    COUNT and one page of rows."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAM))
