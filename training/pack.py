"""The training matrix as the evidence pack shows it: dated figures by role group and site, and
how many are overdue; no learner ever appears, and staff are counted, not named."""

from datetime import date

from django.db.models import Avg, Count, Q

from tenancy.models import Organisation
from training.models import Completion
from training.selectors import training_overview


def training_pack_summary(*, organisation: Organisation, today: date) -> dict:
    overview = training_overview(organisation=organisation, today=today)
    year_ago = date(today.year - 1, today.month, min(today.day, 28))
    checks = (
        Completion.objects.for_organisation(organisation)
        .filter(completed_on__gt=year_ago, completed_on__lte=today)
        .aggregate(
            completions=Count("pk"),
            scored=Count("pk", filter=Q(score__isnull=False)),
            average_score=Avg("score"),
        )
    )
    return {
        "as_of": today,
        "total": overview.total,
        "by_group": overview.by_group,
        "by_site": overview.by_site,
        "courses": overview.courses,
        "overdue": len(overview.overdue),
        "overdue_people": overview.overdue_people,
        "due_soon": len(overview.due_soon),
        "new_starters": len(overview.new_starters),
        "groups_without_course": overview.groups_without_course,
        "last_year": checks,
    }
