"""`{% todo_list access %}`: the signed-in person's to-do list, for the organisation's home.

A tag, so `tenancy`'s home page shows what the higher apps hold without importing them."""

from typing import Any

from django import template

from reporting.my_todo import todo_for

register = template.Library()


@register.inclusion_tag("reporting/_todo.html", takes_context=True)
def todo_list(context: dict[str, Any], access) -> dict[str, Any]:
    request = context["request"]
    todo = todo_for(access=access, user=request.user)
    return {"todo": todo, "access": access, "organisation": access.organisation}
