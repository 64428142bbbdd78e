"""The optional keys of a library file added in version 2026.2 of the format: where each
benchmark comes from, the Ofsted report-card areas it informs, which provider types it applies
to, a stable key for carry-forward, and suggested actions. Files without them still load.

Called by `frameworks.library` with its checker, which collects problems with line numbers.
"""

from typing import Any

from frameworks.models import CriterionTopic
from frameworks.welsh import check_welsh
from tenancy.models import ProfileCondition, ProviderType

PROVIDER_TYPES = set(ProviderType.values)
PROFILE_CONDITIONS = set(ProfileCondition.values)
TOPICS = set(CriterionTopic.values)

#: Files published before criteria had a `topic`, and which of their criteria is about what.
#: Such a file cannot gain the key (a loaded version refuses changed content), so it is said here.
TOPICS_BEFORE_THE_KEY: dict[tuple[str, str], dict[str, str]] = {
    ("prevent-fe-itp", "2026.1"): {"C8": CriterionTopic.SUBCONTRACTORS},
}
MAX_ACTION_TITLE = 190  # an action's title holds 200 characters, with the benchmark code first


def check_report_card_areas(c: Any, root: dict) -> list[dict]:
    areas = []
    for area in root.get("report_card_areas", []) or []:
        if not c.mapping(area, c.line_of(root, "report_card_areas"), "Each report-card area"):
            continue
        areas.append(
            {
                "key": c.text(area, "key", "A report-card area"),
                "title": c.text(area, "title", "A report-card area"),
                "scale": c.text(area, "scale", "", required=False) or "graded",
                "unconfirmed": c.text(area, "unconfirmed", "", required=False),
                "cy": check_welsh(c, area, "report-card area", "A report-card area"),
            }
        )
    for area in areas:
        if area["scale"] not in ("graded", "met"):
            c.fail(
                c.line_of(root, "report_card_areas"),
                f"Report-card area {area['key']}: 'scale' must be graded or met.",
            )
    return areas


def _text_list(c: Any, mapping: dict, key: str, where: str) -> list[str]:
    value = mapping.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.fail(c.line_of(mapping, key), f"{where}: '{key}' must be a list of text.")
        return []
    return [v.strip() for v in value if v.strip()]


def _where_from(c: Any, benchmark: dict, where: str, source_keys: set[str]) -> list[dict]:
    cited = []
    for item in benchmark.get("where_from", []) or []:
        if not c.mapping(item, c.line_of(benchmark, "where_from"), f"{where}: each where_from"):
            continue
        key = c.text(item, "source", f"{where}: a where_from entry")
        if key and key not in source_keys:
            c.fail(c.line_of(item, "source"), f"{where} cites '{key}', which is not in sources.")
        cited.append(
            {
                "source": key,
                "part": c.text(item, "part", "", required=False),
                "unconfirmed": c.text(item, "unconfirmed", "", required=False),
            }
        )
    return cited


def check_benchmark_extras(
    c: Any,
    benchmark: dict,
    where: str,
    *,
    source_keys: set[str],
    area_keys: set[str],
    criterion: dict,
) -> dict[str, Any]:
    """The optional keys of one benchmark, checked; criterion-level values are the defaults."""
    report_card = _text_list(c, benchmark, "report_card", where) or _text_list(
        c, criterion, "report_card", f"Criterion {criterion.get('code', '?')}"
    )
    for key in report_card:
        if key not in area_keys:
            c.fail(
                c.line_of(benchmark, "report_card"),
                f"{where} informs '{key}', which is not in report_card_areas.",
            )
    applies_to = _text_list(c, benchmark, "applies_to", where)
    for kind in applies_to:
        if kind not in PROVIDER_TYPES:
            c.fail(
                c.line_of(benchmark, "applies_to"),
                f"{where}: '{kind}' is not a provider type ({', '.join(sorted(PROVIDER_TYPES))}).",
            )
    applies_when = _applies_when(c, benchmark, criterion, where)
    na_reason = c.text(benchmark, "not_applicable_reason", where, required=False) or c.text(
        criterion, "not_applicable_reason", where, required=False
    )
    if (applies_to or applies_when) and not na_reason:
        c.fail(
            c.line_of(benchmark, "applies_to" if applies_to else "applies_when"),
            f"{where} applies only to some providers, so it needs a 'not_applicable_reason'.",
        )
    dfe_area = _text_list(c, benchmark, "dfe_area", where)
    actions = _text_list(c, benchmark, "suggested_actions", where)
    if any(len(a) > MAX_ACTION_TITLE for a in actions):
        c.fail(
            c.line_of(benchmark, "suggested_actions"),
            f"{where}: a suggested action becomes an action title, so keep each under "
            f"{MAX_ACTION_TITLE} characters.",
        )
    return {
        "key": c.text(benchmark, "key", where, required=False),
        "where_from": _where_from(c, benchmark, where, source_keys),
        "dfe_area": dfe_area or [str(a) for a in criterion.get("dfe_area", []) or []],
        "report_card": report_card,
        "applies_to": applies_to,
        "applies_when": applies_when,
        "na_reason": na_reason,
        "suggested_actions": actions,
        "changes": c.text(benchmark, "changes", where, required=False),
    }


def _applies_when(c: Any, benchmark: dict, criterion: dict, where: str) -> list[str]:
    """The profile conditions a benchmark needs (`applies_when`); the criterion's by default."""
    own = "applies_when" in benchmark
    holder = benchmark if own else criterion
    conditions = _text_list(c, holder, "applies_when", where)
    for condition in conditions:
        if condition not in PROFILE_CONDITIONS:
            c.fail(
                c.line_of(holder, "applies_when"),
                f"{where}: '{condition}' is not a profile condition "
                f"({', '.join(sorted(PROFILE_CONDITIONS))}).",
            )
    return [condition for condition in conditions if condition in PROFILE_CONDITIONS]


def check_criterion_topic(c: Any, criterion: dict, where: str) -> str:
    topic = c.text(criterion, "topic", where, required=False)
    if topic and topic not in TOPICS:
        c.fail(
            c.line_of(criterion, "topic"),
            f"{where}: there is no topic '{topic}' (known: {', '.join(sorted(TOPICS))}).",
        )
        return ""
    return topic


def settle_topics(c: Any, framework_id: str, version: str, criteria: list[dict]) -> None:
    """Each topic belongs to one criterion at most; a file from before the key gets the topics
    listed in TOPICS_BEFORE_THE_KEY."""
    if not any(criterion["topic"] for criterion in criteria):
        known = TOPICS_BEFORE_THE_KEY.get((framework_id, version), {})
        for criterion in criteria:
            criterion["topic"] = str(known.get(criterion["code"], ""))
    seen: set[str] = set()
    for criterion in criteria:
        topic = criterion["topic"]
        if topic and topic in seen:
            c.fail(0, f"The topic '{topic}' is given to more than one criterion.")
        seen.add(topic)


def check_unique_keys(c: Any, criteria: list[dict]) -> None:
    seen: set[str] = set()
    for criterion in criteria:
        for benchmark in criterion["benchmarks"]:
            key = benchmark.get("key")
            if key and key in seen:
                c.fail(0, f"The benchmark key '{key}' is used twice.")
            seen.add(key)


def check_due_days(c: Any, option: dict, where: str) -> int | None:
    value = option.get("due_days")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 730:
        c.fail(c.line_of(option, "due_days"), f"{where}: 'due_days' must be 1 to 730 days.")
        return None
    return value
