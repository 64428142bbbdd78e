"""Senior leaders' comments on single benchmarks: sent with a return, resolved by the quality
manager on the benchmark's card (who and when are kept; the history keeps every change)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments.models import BenchmarkComment, Response, ReviewEvent

NOT_OPEN = "Comments can be resolved while the self-evaluation is open for changes."


def benchmark_comments_add(
    *, event: ReviewEvent, comments: Sequence[tuple[Response, str]], by
) -> list[BenchmarkComment]:
    """The comments a return sends back, one per (response, text); blank texts are skipped."""
    rows = []
    for response, text in comments:
        if response.assessment_id != event.assessment_id:
            raise ValidationError(gettext("That benchmark is not part of this self-evaluation."))
        if text.strip():
            rows.append(
                BenchmarkComment(
                    organisation_id=event.organisation_id,
                    assessment_id=event.assessment_id,
                    response=response,
                    event=event,
                    comment=text.strip(),
                    by=by,
                )
            )
    # One by one (not bulk_create) so each gets its history row.
    for row in rows:
        row.save()
    return rows


@transaction.atomic
def benchmark_comment_resolve(*, comment: BenchmarkComment, by) -> BenchmarkComment:
    """Mark a comment resolved. Resolving one already resolved changes nothing."""
    comment = (
        BenchmarkComment.objects.select_for_update(of=("self",))
        .select_related("assessment")
        .get(pk=comment.pk)
    )
    if not comment.assessment.is_editable:
        raise ValidationError(NOT_OPEN)
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = by
        comment.save()
    return comment


def comments_by_response(responses: Iterable[Response]) -> dict[int, list[BenchmarkComment]]:
    """response id -> its comments, oldest first (one query for all of them)."""
    found: dict[int, list[BenchmarkComment]] = defaultdict(list)
    ids = [r.pk for r in responses]
    if not ids:
        return found
    rows = (
        BenchmarkComment.objects.filter(response_id__in=ids)
        .select_related("by", "resolved_by")
        .order_by("created_at")
    )
    for row in rows:
        found[row.response_id].append(row)
    return found
