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


# All the summary and the dashboard read of a response, its benchmark and criterion: codes,
# titles, the benchmark's statement, the judgement and the areas for improvement. Named rather
# than deferring the rest, so the rows stay narrow as the models grow (guidance, sources, rules
# and the previous revision's text are tens of kilobytes a self-evaluation).
SUMMARY_FIELDS = (
    "code",
    "level",
    "confidence",
    "not_applicable",
    "na_justification",
    "improvements",
    "carried_forward",
    "benchmark__code",
    "benchmark__text",
    "benchmark__text_cy",
    "benchmark__criterion__code",
    "benchmark__criterion__title",
    "benchmark__criterion__title_cy",
)


def summary_response_list(*, assessment: Assessment) -> QuerySet[Response]:
    """The responses with their benchmark and criterion as the summary reads them: codes,
    titles, the benchmark's statement, levels and improvements; no evidence, no wide columns."""
    return (
        Response.objects.filter(assessment=assessment)
        .select_related("benchmark__criterion")
        .only(*SUMMARY_FIELDS)
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
