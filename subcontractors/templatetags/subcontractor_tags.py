"""Subcontractor pieces shown on other apps' pages, without a Python import from them.

On the respond page, `{% subcontractor_panel criterion %}` shows the register's state beside the
criterion about subcontractors (the one its framework file gives `topic: subcontractors`, such as
C8 of the Prevent framework): two queries, and none for any other criterion.
"""

from django import template

from subcontractors.selectors import register_summary

register = template.Library()


def is_subcontractor_criterion(criterion) -> bool:
    return bool(getattr(criterion, "is_about_subcontractors", False))


@register.inclusion_tag("subcontractors/_criterion_panel.html", takes_context=True)
def subcontractor_panel(context, criterion) -> dict:
    organisation = context.get("organisation")
    if organisation is None or not is_subcontractor_criterion(criterion):
        return {"show": False}
    return {
        "show": True,
        "organisation": organisation,
        "summary": register_summary(organisation=organisation),
    }
