"""A record's django-simple-history entries as readable lines: when, who, what changed."""

from typing import Any

from django.utils.translation import gettext

HIDDEN_FIELDS = {"updated_at", "created_at"}


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def change_summaries(instance: Any, *, added: str, limit: int = 30) -> list[dict[str, Any]]:
    """Newest first, each {"record", "summary"}; `added` words the creation entry."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    records.reverse()
    model = type(instance)
    labels = {f.name: f.verbose_name for f in model._meta.get_fields() if f.concrete}
    entries = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None or record.history_type == "+":
            summary = added if record.history_type == "+" else gettext("Changed")
        else:
            changed = [
                str(labels.get(c.field, c.field))
                for c in record.diff_against(previous).changes
                if c.field not in HIDDEN_FIELDS
            ]
            summary = (
                gettext("Changed %(fields)s") % {"fields": _join(changed)}
                if changed
                else gettext("Saved without changes")
            )
        entries.append({"record": record, "summary": summary})
    entries.reverse()
    return entries[:limit]
