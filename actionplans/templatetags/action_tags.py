"""Action plan pieces shown on other apps' pages.

On the respond page, call `{% actions_by_response rows as linked_actions %}` once (one query
for every response on the page), then `{{ linked_actions|get_item:response.pk }}` per card.
"""

from django import template
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from actionplans.models import Action

register = template.Library()
SHOWN_PER_RESPONSE = 5


class LinkedActions(list):
    """The first actions of a response, with how many more it has (`more`)."""

    more = 0


@register.simple_tag
def actions_by_response(items) -> dict[int, LinkedActions]:
    """Response id -> its first SHOWN_PER_RESPONSE actions, due date first, and how many more
    (two queries, however many actions a response has). `items` are responses, or the respond
    page's rows (dicts holding a "response")."""
    responses = [item["response"] if isinstance(item, dict) else item for item in items or ()]
    if not responses:
        return {}
    linked = Action.objects.for_organisation(responses[0].organisation_id).filter(
        response_id__in=[r.pk for r in responses],
    )
    first = (
        linked.select_related("owner")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("response_id")],
                order_by=[F("due_date").asc(), F("title").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=SHOWN_PER_RESPONSE)
        .order_by("due_date", "title", "pk")
    )
    found: dict[int, LinkedActions] = {}
    for action in first:
        found.setdefault(action.response_id, LinkedActions()).append(action)
    totals = linked.order_by().values("response_id").annotate(n=Count("pk"))
    for row in totals:
        if row["response_id"] in found:
            found[row["response_id"]].more = row["n"] - len(found[row["response_id"]])
    return found


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or an empty list when there is none (or no mapping at all)."""
    if not hasattr(mapping, "get"):
        return []
    return mapping.get(key, [])
