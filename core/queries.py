"""Query building blocks shared by the selectors."""

from typing import Any

from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet[Any], *, by: str = "organisation") -> Coalesce:
    """A scalar subquery counting `queryset`'s rows for the outer row (filter it on
    `OuterRef("pk")`): each count runs once per outer row, with no join that multiplies rows."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)
