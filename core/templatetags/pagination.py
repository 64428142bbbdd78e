from typing import Any

from django import template
from django.core.paginator import Page
from django.http import HttpRequest

from core.pagination import PAGE_PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int) -> str:
    """The current query string with `page` set to `number` (page 1 drops it)."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    query.pop(PAGE_PARAM, None)
    if number != 1:
        query[PAGE_PARAM] = str(number)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.inclusion_tag("partials/pagination.html", takes_context=True)
def pagination(context: template.Context, page: Page[Any], noun: str = "items") -> dict[str, Any]:
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {"request": context["request"], "page": page, "numbers": numbers, "noun": noun}
