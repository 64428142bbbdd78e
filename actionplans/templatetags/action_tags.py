"""Action plan pieces shown on other apps' pages.

On the respond page, call `{% actions_by_response rows as linked_actions %}` once (one query
for every response on the page), then `{{ linked_actions|get_item:response.pk }}` per card.
"""

from django import template

from actionplans.models import Action

register = template.Library()


@register.simple_tag
def actions_by_response(items) -> dict[int, list[Action]]:
    """Response id -> its actions, due date first. `items` are responses, or the respond
    page's rows (dicts holding a "response")."""
    responses = [item["response"] if isinstance(item, dict) else item for item in items or ()]
    if not responses:
        return {}
    found: dict[int, list[Action]] = {}
    actions = (
        Action.objects.filter(
            organisation_id=responses[0].organisation_id,
            response_id__in=[r.pk for r in responses],
        )
        .select_related("owner")
        .order_by("due_date", "title")
    )
    for action in actions:
        found.setdefault(action.response_id, []).append(action)
    return found


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or an empty list when there is none (or no mapping at all)."""
    if not hasattr(mapping, "get"):
        return []
    return mapping.get(key, [])
