from django.db.models import QuerySet

from frameworks.models import NEWEST_FIRST, Criterion, CriterionTopic, Framework, FrameworkVersion
from tenancy.models import Organisation


def framework_list_for_organisation(*, organisation: Organisation) -> QuerySet[Framework]:
    """The frameworks this organisation subscribes to."""
    return Framework.objects.filter(
        pk__in=organisation.subscriptions.values("framework_id")
    ).order_by("title")


def framework_version_list_for_organisation(
    *, organisation: Organisation
) -> QuerySet[FrameworkVersion]:
    return (
        FrameworkVersion.objects.filter(
            framework__in=framework_list_for_organisation(organisation=organisation)
        )
        .select_related("framework")
        .defer("source_text")
        .order_by("framework__title", *NEWEST_FIRST)
    )


def criterion_about(*, organisation: Organisation, topic: CriterionTopic) -> Criterion | None:
    """The criterion on `topic` in the newest loaded version of the organisation's frameworks."""
    return (
        Criterion.objects.filter(
            version__in=framework_version_list_for_organisation(organisation=organisation),
            topic=topic,
        )
        .order_by("-version__created_at")
        .first()
    )
