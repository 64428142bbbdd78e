"""An action's change history as its page shows it: who changed which field when, from what to
what, with restricted evidence named only as that to those who may not see it."""

from collections import defaultdict
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from simple_history.models import ModelChange

from actionplans.models import Action
from evidence.models import EvidenceItem
from frameworks.models import Benchmark, Criterion
from tenancy.access import OrgAccess

User = get_user_model()

FIELD_HIDDEN_IN_HISTORY = {"id", "created_at", "updated_at", "code", "organisation", "source_key"}


def action_history(*, action: Action, access: OrgAccess | None = None) -> list[dict]:
    """The action's changes, newest first: when, who, and each field's old and new value
    (restricted evidence `access` may not see is named only as that)."""
    records = list(action.history.select_related("history_user").order_by("history_date", "pk"))
    deltas = _deltas(records, _completion_evidence_of(records))
    names, evidence_titles = _names_in(deltas, action, access)
    fields = {f.name: f for f in Action._meta.get_fields() if getattr(f, "concrete", False)}
    entries = []
    for record, delta in deltas:
        if delta is None:
            entries.append({"record": record, "summary": "Added to the plan", "changes": []})
            continue
        changes = [_change_row(fields[c.field], c, names, evidence_titles) for c in delta.changes]
        if changes:  # none when saved again without a visible change (e.g. the same status)
            entries.append({"record": record, "summary": "Changed", "changes": changes})
    entries.reverse()
    return entries


def _completion_evidence_of(records: list) -> dict[int, set[int]]:
    """The completion evidence of every record, read at once: simple-history's diff_against
    would query it twice per record."""
    evidence_of = defaultdict(set)
    m2m = apps.get_model("actionplans", "HistoricalAction_completion_evidence")
    for history_id, evidence_id in m2m.objects.filter(history__in=records).values_list(
        "history_id", "evidenceitem_id"
    ):
        evidence_of[history_id].add(evidence_id)
    return evidence_of


def _deltas(records: list, evidence_of: dict[int, set[int]]) -> list[tuple[Any, Any]]:
    """Each record with its difference from the one before (None for the first)."""
    deltas: list[tuple[Any, Any]] = []
    previous = None
    for record in records:
        delta = None
        if previous is not None and record.history_type != "+":
            delta = record.diff_against(
                previous, excluded_fields=FIELD_HIDDEN_IN_HISTORY | {"completion_evidence"}
            )
            old_evidence = evidence_of[previous.history_id]
            new_evidence = evidence_of[record.history_id]
            if old_evidence != new_evidence:
                delta.changes.append(ModelChange("completion_evidence", old_evidence, new_evidence))
        deltas.append((record, delta))
        previous = record
    return deltas


def _names_in(
    deltas: list[tuple[Any, Any]], action: Action, access: OrgAccess | None
) -> tuple[dict, dict[int, str]]:
    """The names of the people, criteria, benchmarks and evidence the changes refer to, one
    query per kind."""
    ids: dict[str, set] = {"owner": set(), "criterion": set(), "benchmark": set()}
    evidence: set[int] = set()
    for _, delta in deltas:
        for change in delta.changes if delta else []:
            if change.field == "completion_evidence":
                evidence |= change.old | change.new
            elif change.field in {"owner", "created_by", "criterion", "benchmark"}:
                kind = "owner" if change.field == "created_by" else change.field
                ids[kind] |= {change.old, change.new}
    names = {
        "owner": _names(User.objects.filter(pk__in=ids["owner"] - {None}), "display_name"),
        "criterion": _names(Criterion.objects.filter(pk__in=ids["criterion"] - {None}), "code"),
        "benchmark": _names(Benchmark.objects.filter(pk__in=ids["benchmark"] - {None}), "code"),
    }
    names["created_by"] = names["owner"]
    evidence_titles = {
        item.pk: item.title if item.is_visible_to(access) else "restricted evidence"
        for item in EvidenceItem.objects.for_organisation(action.organisation_id)
        .filter(pk__in=evidence)
        .only("pk", "title", "sensitivity")
    }
    return names, evidence_titles


def _change_row(field, change: ModelChange, names: dict, evidence_titles: dict[int, str]) -> dict:
    label = str(field.verbose_name).capitalize()
    if change.field == "completion_evidence":
        old, new = change.old, change.new
        return {
            "label": label,
            "old": _join_titles(old - new, evidence_titles, "removed"),
            "new": _join_titles(new - old, evidence_titles, "added"),
        }
    return {
        "label": label,
        "old": _display(field, change.old, names),
        "new": _display(field, change.new, names),
    }


def _names(queryset, attribute: str) -> dict:
    return {obj.pk: getattr(obj, attribute) for obj in queryset}


def _join_titles(ids: set, titles: dict, verb: str) -> str:
    if not ids:
        return "—"
    return f"{verb}: " + "; ".join(sorted(titles.get(i, "an archived item") for i in ids))


def _display(field, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    if field.name in names:
        gone = "someone who has left" if field.name in {"owner", "created_by"} else "removed"
        return str(names[field.name].get(value, gone))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if field.name == "response":
        return "linked"
    text = str(value)
    return text if len(text) <= 120 else text[:119].rstrip() + "…"
