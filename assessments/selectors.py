from django.db.models import Count, Q, QuerySet

from assessments.models import Assessment, CriterionAssignment, Response, Status
from tenancy.models import Organisation


def answered(prefix: str = "") -> Q:
    """Responses with a judgement: a level and confidence, or a justified "not applicable"."""
    return (Q(**{f"{prefix}not_applicable": True}) & ~Q(**{f"{prefix}na_justification": ""})) | (
        Q(**{f"{prefix}level__isnull": False}) & ~Q(**{f"{prefix}confidence": ""})
    )


def assessment_list(*, organisation: Organisation) -> QuerySet[Assessment]:
    return (
        Assessment.objects.for_organisation(organisation)
        .select_related("framework_version__framework", "lead")
        .defer("snapshot", "framework_version__source_text")
        .annotate(
            total=Count("responses"),
            answered=Count("responses", filter=answered("responses__")),
        )
        .order_by("-created_at")
    )


def response_list(*, assessment: Assessment) -> QuerySet[Response]:
    return (
        Response.objects.filter(assessment=assessment)
        .select_related("benchmark__criterion", "updated_by")
        .prefetch_related("evidence")
        .order_by("benchmark__criterion__position", "benchmark__position")
    )


# What the summary and the dashboard never show: a benchmark's guidance, sources and rules, a
# criterion's summary, a response's strengths and register citations. Left in the database, the
# rows stay narrow (about 40 JSON documents per benchmark row otherwise decoded per request).
SUMMARY_DEFERRED = (
    "strengths",
    "registers_cited",
    "benchmark__guidance",
    "benchmark__evidence_prompts",
    "benchmark__backed_by",
    "benchmark__where_from",
    "benchmark__dfe_area",
    "benchmark__report_card",
    "benchmark__applies_to",
    "benchmark__applies_when",
    "benchmark__na_reason",
    "benchmark__suggested_actions",
    "benchmark__changes",
    "benchmark__signals",
    "benchmark__criterion__summary",
    "benchmark__criterion__dfe_area",
)


def summary_response_list(*, assessment: Assessment) -> QuerySet[Response]:
    """The responses with their benchmark and criterion as the summary reads them: codes,
    titles, the benchmark's statement, levels and improvements; no evidence, no wide columns."""
    return (
        Response.objects.filter(assessment=assessment)
        .select_related("benchmark__criterion")
        .defer(*SUMMARY_DEFERRED)
        .order_by("benchmark__criterion__position", "benchmark__position")
    )


def progress(*, assessment: Assessment) -> tuple[int, int]:
    counts = Response.objects.filter(assessment=assessment).aggregate(
        total=Count("pk"), answered=Count("pk", filter=answered())
    )
    return counts["answered"], counts["total"]


def assignment_map(*, assessment: Assessment) -> dict[int, CriterionAssignment]:
    """criterion id -> assignment (with the assignee)."""
    return {
        a.criterion_id: a
        for a in CriterionAssignment.objects.filter(assessment=assessment).select_related(
            "assignee"
        )
    }


def my_items(*, organisation: Organisation, user) -> QuerySet[CriterionAssignment]:
    return (
        CriterionAssignment.objects.for_organisation(organisation)
        .filter(
            assignee=user,
            assessment__status__in=[Status.DRAFT, Status.RETURNED],
        )
        .select_related("assessment", "criterion")
        .order_by("assessment__due_date", "criterion__position")
    )
