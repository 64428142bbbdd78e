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
from django.db.models import Count, Max, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone

from actionplans.models import OPEN_STATUSES, Action, ActionStatus
from actionplans.selectors import WIDE_FRAMEWORK_FIELDS, overdue_q
from assessments.briefing import briefing_areas, judgements_as_data
from assessments.models import Assessment, Response, ReviewEvent, Status
from assessments.services import assessment_snapshot
from registers.pack import registers_pack_summary
from reporting import charts
from reporting.models import EvidencePack
from reporting.pdf_output import render_pdf
from subcontractors.models import ReviewStatus
from subcontractors.selectors import register_summary, subcontractor_list


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
    latest_six = (
        Assessment.objects.filter(
            framework_version__framework_id=framework_id, created_at__lte=assessment.created_at
        )
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
    responses = data["responses"]
    criteria = list(version.criteria.all())
    by_criterion = defaultdict(list)
    for r in responses:
        by_criterion[r["criterion"]].append(r)

    # The self-evaluation's own actions; the rest of the plan is counted, not printed.
    actions = list(
        Action.objects.filter(response__assessment=assessment)
        .select_related("owner", "benchmark", "criterion")
        .defer(*WIDE_FRAMEWORK_FIELDS)
        .order_by("due_date", "title")
    )
    actions_by_benchmark = defaultdict(list)
    for action in actions:
        if action.benchmark_id:
            actions_by_benchmark[action.benchmark.code].append(action)
    today = timezone.localdate()

    level_labels = {o.value: o.label for o in version.levels}
    confidence_labels = {o.value: o.label for o in version.confidence_options}
    counts = defaultdict(int)
    for r in responses:
        key = "na" if r["not_applicable"] else (r["level"] or "unrated")
        counts[key] += 1
    profile = [
        charts.Segment(
            f"{o.value} {o.label}",
            counts[o.value],
            charts.LEVEL_COLOURS[o.value],
            f"pill-level-{o.value}",
        )
        for o in version.levels
        if o.value in charts.LEVEL_COLOURS
    ] + [
        charts.Segment("Not applicable", counts["na"], charts.NA_COLOUR, "pill-na"),
        charts.Segment("Not rated", counts["unrated"], charts.UNRATED_COLOUR, "pill-unrated"),
    ]
    gaps = [
        r
        for r in responses
        if version.is_gap(
            level=r["level"], confidence=r["confidence"], not_applicable=r["not_applicable"]
        )
    ]
    status_counts = defaultdict(int)
    for action in actions:
        if action.is_open and action.due_date < today:
            status_counts["overdue"] += 1
        else:
            status_counts[action.status] += 1
    action_segments = [
        charts.Segment("Done", status_counts["done"], charts.STATUS_COLOURS["done"]),
        charts.Segment(
            "In progress", status_counts["in_progress"], charts.STATUS_COLOURS["in_progress"]
        ),
        charts.Segment(
            "Not started", status_counts["not_started"], charts.STATUS_COLOURS["not_started"]
        ),
        charts.Segment("Blocked", status_counts["blocked"], charts.STATUS_COLOURS["blocked"]),
        charts.Segment("Overdue", status_counts["overdue"], charts.STATUS_COLOURS["overdue"]),
    ]
    heatmap_rows = [
        (
            c.code,
            [
                (
                    f"{r['benchmark']}: "
                    + (
                        "not applicable"
                        if r["not_applicable"]
                        else level_labels.get(r["level"], "not rated")
                    ),
                    _level_fill(r["level"], r["not_applicable"]),
                )
                for r in by_criterion[c.code]
            ],
        )
        for c in criteria
    ]
    benchmarks = {b.code: b for b in version.benchmarks.all()}
    sources = version.sources_by_key
    cited_by = defaultdict(list)
    for code, benchmark in benchmarks.items():
        for citation in benchmark.citations(sources):
            cited_by[citation["key"]].append(code)
    sections = [
        {
            "criterion": c,
            "responses": [
                {
                    **r,
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
        "sections": sections,
        "briefing": briefing_areas(version, data, judgements),
        "gaps": gaps,
        "profile": profile,
        "profile_svg": charts.stacked_bar(profile, "Levels across all benchmarks"),
        "heatmap_svg": charts.heatmap(heatmap_rows, "Level of each benchmark by criterion"),
        "actions_svg": charts.stacked_bar(action_segments, "Action plan by status"),
        "action_segments": action_segments,
        "trend": trend,
        "trend_svg": charts.bars(trend, "Benchmarks at a level that is not a gap, by cycle", "%"),
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
        "sources": [
            {**source, "benchmarks": cited_by.get(source["key"], [])} for source in version.sources
        ],
        "registers": registers_pack_summary(organisation=assessment.organisation, today=today),
    }


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


def render_pack_html(assessment: Assessment) -> str:
    return render_to_string("reporting/pdf/pack.html", build_pack_context(assessment))


def pack_generate(pack: EvidencePack, progress: Callable[[int, str], None]) -> EvidencePack:
    """Render the pack's PDF and store it with its SHA-256. Raises on failure."""
    started = time.perf_counter()
    progress(15, "Collecting the self-evaluation, evidence and actions")
    html = render_pack_html(pack.assessment)
    progress(40, "Laying out the pages")
    pdf, pages = render_pdf(html)
    progress(90, "Saving the PDF")
    pack.sha256 = hashlib.sha256(pdf).hexdigest()
    pack.size = len(pdf)
    pack.page_count = pages
    pack.render_seconds = round(time.perf_counter() - started, 2)
    pack.file.save(f"{pack.code}.pdf", ContentFile(pdf), save=False)
    return pack
