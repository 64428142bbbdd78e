"""Evidence packs: what goes into the PDF, and rendering it with WeasyPrint.

An approved self-evaluation is printed from the snapshot frozen at sign-off (and cites its
hash); anything else is printed from the live rows, with DRAFT on every page.
"""

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.core.files.base import ContentFile
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from actionplans.models import OPEN_STATUSES, Action, ActionStatus
from actionplans.selectors import WIDE_FRAMEWORK_FIELDS, overdue_q
from assessments.briefing import briefing_areas, judgements_as_data
from assessments.models import Assessment, Response, ReviewEvent, Status
from assessments.restricted import without_restricted
from assessments.services import assessment_snapshot
from filtering.pack import filtering_pack_summary
from frameworks.models import FrameworkVersion
from partners.pack import partners_pack_summary
from referrals.pack import referrals_pack_summary
from registers.pack import registers_pack_summary
from reporting import charts
from reporting.models import EvidencePack, StaffNames
from reporting.pdf_output import render_pdf
from reporting.referral_panel import trend_chart
from reporting.staff import replace_names, role_titles
from subcontractors.models import ReviewStatus
from subcontractors.selectors import register_summary, subcontractor_list
from training.pack import training_pack_summary


def _level_fill(level: int | None, not_applicable: bool) -> str:
    if not_applicable:
        return charts.NA_COLOUR
    return charts.LEVEL_COLOURS.get(level, charts.UNRATED_COLOUR)


def cycle_label(assessment: Assessment) -> str:
    """A short name for a cycle: its academic year if the title has one."""
    match = re.search(r"\b(20\d\d/\d\d)\b", assessment.title)
    return match.group(1) if match else assessment.created_at.strftime("%b %Y")


def trend_across_cycles(assessment: Assessment) -> list[tuple[str, float, str]]:
    """Share of rated benchmarks at a non-gap level, per cycle of the same framework."""
    framework_id = assessment.framework_version.framework_id
    # A revision reopened later replaces its cycle's approved one in the trend.
    superseded = Exists(Assessment.objects.filter(reopened_from=OuterRef("pk")))
    latest_six = (
        Assessment.objects.filter(
            framework_version__framework_id=framework_id, created_at__lte=assessment.created_at
        )
        .filter(~superseded | Q(pk=assessment.pk))
        .select_related("framework_version")
        .defer("snapshot", "framework_version__source_text")
        .order_by("-created_at")[:6]
    )
    cycles = list(reversed(latest_six))
    levels = defaultdict(list)
    for response in Response.objects.filter(assessment__in=cycles, level__isnull=False).values(
        "assessment_id", "level"
    ):
        levels[response["assessment_id"]].append(response["level"])
    points = []
    for cycle in cycles:
        rated = levels.get(cycle.pk, [])
        gaps = cycle.framework_version.gap_levels
        strong = sum(1 for level in rated if level not in gaps)
        share = round(100 * strong / len(rated)) if rated else 0
        colour = "#0b5566" if cycle.pk == assessment.pk else "#8fb3bd"
        points.append((cycle_label(cycle), share, colour))
    return points


def build_pack_context(assessment: Assessment) -> dict:
    version = assessment.framework_version
    approved = assessment.status == Status.APPROVED and assessment.snapshot
    data = assessment.snapshot if approved else assessment_snapshot(assessment)
    # Never a restricted item's title, file or description: a count per benchmark instead.
    data = _with_shown_levels(version, without_restricted(data, assessment.organisation))
    responses = data["responses"]
    criteria = list(version.criteria.all())
    by_criterion = defaultdict(list)
    for r in responses:
        by_criterion[r["criterion"]].append(r)
    actions = _own_actions(assessment)
    today = timezone.localdate()
    profile = _level_profile(version, responses)
    action_segments = _action_segments(actions, today)
    benchmarks = {b.code: b for b in version.benchmarks.all()}
    trend = trend_across_cycles(assessment)
    # An approved pack prints the judgements signed off (snapshots from before the briefing
    # existed have none: the live ones are printed, as the briefing says).
    signed = data.get("self_judgements")
    judgements = signed if signed is not None else judgements_as_data(assessment)
    return {
        "organisation": assessment.organisation,
        "assessment": assessment,
        "version": version,
        "data": data,
        "is_draft": not approved,
        "generated_at": timezone.now(),
        "sections": _sections(version, criteria, by_criterion, actions, benchmarks),
        "briefing": briefing_areas(version, data, judgements),
        "gaps": _gaps(version, responses),
        "profile": profile,
        "profile_svg": charts.stacked_bar(profile, gettext("Levels across all benchmarks")),
        "heatmap_svg": charts.heatmap(
            _heatmap_rows(version, criteria, by_criterion),
            gettext("Level of each benchmark by criterion"),
        ),
        "actions_svg": charts.stacked_bar(action_segments, gettext("Action plan by status")),
        "action_segments": action_segments,
        "trend": trend,
        "trend_svg": charts.bars(
            trend, gettext("Benchmarks at a level that is not a gap, by cycle"), "%"
        ),
        "actions": actions,
        "other_actions": other_actions(assessment, today),
        "today": today,
        "events": list(ReviewEvent.objects.filter(assessment=assessment).select_related("by")),
        "changes": judgement_changes(assessment),
        "open_statuses": [s for s in ActionStatus if s != ActionStatus.DONE],
        "subcontractors": _with_review_labels(
            subcontractor_list(organisation=assessment.organisation)
        ),
        "subcontractor_summary": register_summary(organisation=assessment.organisation),
        "sources": _sources_with_benchmarks(version, benchmarks),
        "include_history": True,
        **_register_sections(assessment.organisation, today),
    }


def _with_shown_levels(version, data: dict) -> dict:
    """The data with each judgement's level named in the pack's language. A snapshot keeps the
    English label it was signed off with; the version (never changed) has the same option's
    Welsh."""
    labels = {o.value: o.label for o in version.levels}
    responses = [
        {**r, "level_label": labels.get(r["level"], r.get("level_label"))}
        for r in data["responses"]
    ]
    return {**data, "responses": responses}


def _gaps(version, responses: list[dict]) -> list[dict]:
    return [
        r
        for r in responses
        if version.is_gap(
            level=r["level"], confidence=r["confidence"], not_applicable=r["not_applicable"]
        )
    ]


def _register_sections(organisation, today) -> dict:
    """Each live register's section of the pack, as it stands today."""
    return {
        "registers": registers_pack_summary(organisation=organisation, today=today),
        "training": training_pack_summary(organisation=organisation, today=today),
        "filtering": filtering_pack_summary(organisation=organisation, today=today),
        "partners": partners_pack_summary(organisation=organisation, today=today),
        "referrals": _referrals(organisation, today),
    }


def _referrals(organisation, today) -> dict:
    summary = referrals_pack_summary(organisation=organisation, today=today)
    return summary | {"chart": trend_chart(summary["trend"])}


def _own_actions(assessment: Assessment) -> list[Action]:
    """The self-evaluation's own actions; the rest of the plan is counted, not printed."""
    return list(
        Action.objects.filter(response__assessment=assessment)
        .select_related("owner", "benchmark", "criterion")
        .defer(*WIDE_FRAMEWORK_FIELDS)
        .order_by("due_date", "title")
    )


def _level_profile(version: FrameworkVersion, responses: list[dict]) -> list[charts.Segment]:
    """How many benchmarks sit at each level, not applicable and not rated."""
    counts: dict = defaultdict(int)
    for r in responses:
        key = "na" if r["not_applicable"] else (r["level"] or "unrated")
        counts[key] += 1
    return [
        charts.Segment(
            f"{o.value} {o.label}",
            counts[o.value],
            charts.LEVEL_COLOURS[o.value],
            f"pill-level-{o.value}",
        )
        for o in version.levels
        if o.value in charts.LEVEL_COLOURS
    ] + [
        charts.Segment(gettext("Not applicable"), counts["na"], charts.NA_COLOUR, "pill-na"),
        charts.Segment(
            gettext("Not rated"), counts["unrated"], charts.UNRATED_COLOUR, "pill-unrated"
        ),
    ]


def _action_segments(actions: list[Action], today: date) -> list[charts.Segment]:
    """The actions by status, overdue ones counted apart."""
    status_counts: dict[str, int] = defaultdict(int)
    for action in actions:
        if action.is_open and action.due_date < today:
            status_counts["overdue"] += 1
        else:
            status_counts[action.status] += 1
    labels = {
        "done": gettext("Done"),
        "in_progress": gettext("In progress"),
        "not_started": gettext("Not started"),
        "blocked": gettext("Blocked"),
        "overdue": gettext("Overdue"),
    }
    return [
        charts.Segment(label, status_counts[key], charts.STATUS_COLOURS[key])
        for key, label in labels.items()
    ]


def _heatmap_rows(
    version: FrameworkVersion, criteria: list, by_criterion: dict[str, list[dict]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per criterion, each benchmark's level as (text alternative, colour)."""
    level_labels = {o.value: o.label for o in version.levels}

    def cell(r: dict) -> tuple[str, str]:
        level = (
            gettext("not applicable")
            if r["not_applicable"]
            else level_labels.get(r["level"], gettext("not rated"))
        )
        return f"{r['benchmark']}: {level}", _level_fill(r["level"], r["not_applicable"])

    return [(c.code, [cell(r) for r in by_criterion[c.code]]) for c in criteria]


def _sections(
    version: FrameworkVersion,
    criteria: list,
    by_criterion: dict[str, list[dict]],
    actions: list[Action],
    benchmarks: dict,
) -> list[dict]:
    """One section per criterion: each response with its labels, actions and provenance."""
    level_labels = {o.value: o.label for o in version.levels}
    confidence_labels = {o.value: o.label for o in version.confidence_options}
    actions_by_benchmark = defaultdict(list)
    for action in actions:
        if action.benchmark_id:
            actions_by_benchmark[action.benchmark.code].append(action)
    sources = version.sources_by_key
    return [
        {
            "criterion": c,
            "responses": [
                {
                    **r,
                    "statement": benchmarks[r["benchmark"]].shown_text
                    if r["benchmark"] in benchmarks
                    else r["statement"],
                    "level_label": level_labels.get(r["level"]),
                    "confidence_label": confidence_labels.get(r["confidence"]),
                    "actions": actions_by_benchmark.get(r["benchmark"], []),
                    "provenance": version.provenance(benchmarks[r["benchmark"]], sources)
                    if r["benchmark"] in benchmarks
                    else None,
                }
                for r in by_criterion[c.code]
            ],
        }
        for c in criteria
    ]


def _sources_with_benchmarks(version: FrameworkVersion, benchmarks: dict) -> list[dict]:
    """The framework's sources, each with the benchmarks that cite it."""
    sources = version.sources_by_key
    cited_by = defaultdict(list)
    for code, benchmark in benchmarks.items():
        for citation in benchmark.citations(sources):
            cited_by[citation["key"]].append(code)
    return [{**source, "benchmarks": cited_by.get(source["key"], [])} for source in version.sources]


def other_actions(assessment: Assessment, today: date) -> dict[str, int]:
    """Counts of the plan's actions raised outside this self-evaluation (one query)."""
    return Action.objects.exclude(response__assessment=assessment).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(today)),
    )


HISTORY_VALUES = (
    "history_id",
    "history_date",
    "updated_by__name",  # who saved it (set by the service, also outside a web request)
    "updated_by__email",
    "benchmark__code",
    "benchmark__criterion__position",
    "benchmark__position",
    "level",
    "confidence",
    "not_applicable",
)


def judgement_changes(assessment: Assessment) -> list[dict]:
    """Each benchmark's first and final saved judgement, who made them and when, and how many
    saves lay between: one row per benchmark however often autosave ran (two queries)."""
    saved = Response.history.filter(assessment_id=assessment.pk, revision__gt=0).order_by()
    spans = list(
        saved.values("id").annotate(
            first=Min("history_id"), final=Max("history_id"), saves=Count("history_id")
        )
    )
    wanted = {s["first"] for s in spans} | {s["final"] for s in spans}
    records = {
        r["history_id"]: r
        for r in Response.history.filter(history_id__in=wanted).values(*HISTORY_VALUES)
    }
    changes = []
    for span in spans:
        first, final = records[span["first"]], records[span["final"]]
        judged = ("level", "confidence", "not_applicable")
        changed = any(first[key] != final[key] for key in judged)
        changes.append({"first": first, "final": final, "saves": span["saves"], "changed": changed})
    changes.sort(
        key=lambda c: (
            c["first"]["benchmark__criterion__position"],
            c["first"]["benchmark__position"],
        )
    )
    return changes


def _with_review_labels(subcontractors) -> list:
    rows = list(subcontractors)
    for sub in rows:
        status = sub.latest_review_status
        sub.latest_review_label = ReviewStatus(status).label if status else "None yet"
    return rows


def render_pack_html(
    assessment: Assessment, *, staff_names: str = StaffNames.NAMES, include_history: bool = True
) -> str:
    """The pack's HTML with the provider's choices: names or role titles, history or not."""
    context = build_pack_context(assessment)
    context["include_history"] = include_history
    html: str = render_to_string("reporting/pdf/pack.html", context)
    if staff_names == StaffNames.ROLES:
        html = replace_names(html, role_titles(assessment.organisation))
    return html


def pack_generate(pack: EvidencePack, progress: Callable[[int, str], None]) -> EvidencePack:
    """Render the pack's PDF and store it with its SHA-256. Raises on failure."""
    started = time.perf_counter()
    progress(15, "Collecting the self-evaluation, evidence and actions")
    with translation.override(pack.language):
        html = render_pack_html(
            pack.assessment, staff_names=pack.staff_names, include_history=pack.include_history
        )
    progress(40, "Laying out the pages")
    pdf, pages = render_pdf(html)
    progress(90, "Saving the PDF")
    pack.sha256 = hashlib.sha256(pdf).hexdigest()
    pack.size = len(pdf)
    pack.page_count = pages
    pack.render_seconds = round(time.perf_counter() - started, 2)
    pack.file.save(f"{pack.code}.pdf", ContentFile(pdf), save=False)
    return pack
