"""Starting a self-evaluation from last cycle's: each response carries its predecessor's
narratives and evidence forward, matched on the benchmark's stable key, with last cycle's
judgement kept beside it and the level reset to "to review"."""

from assessments.models import Assessment, Response
from frameworks.models import Benchmark


def responses_by_stable_key(previous: Assessment | None) -> dict[str, Response]:
    """Last cycle's responses by the benchmark's stable key, so carry-forward works across
    framework versions."""
    if previous is None:
        return {}
    return {
        r.benchmark.stable_key: r
        for r in previous.responses.select_related("benchmark").prefetch_related("evidence")
    }


def first_response(
    assessment: Assessment, benchmark: Benchmark, earlier: dict[str, Response]
) -> Response:
    """A new response: last cycle's carried forward, else blank (or not applicable when the
    benchmark does not apply to this type of provider or to its profile)."""
    organisation = assessment.organisation
    response = Response(organisation=organisation, assessment=assessment, benchmark=benchmark)
    old = earlier.get(benchmark.stable_key)
    if old is not None:
        _carry_forward(response, old)
    elif not benchmark.applies_to_organisation(organisation):
        response.not_applicable = True
        response.na_justification = benchmark.na_reason
    return response


def carry_evidence_forward(
    assessment: Assessment, benchmarks: list[Benchmark], earlier: dict[str, Response]
) -> None:
    """Link each new response to the evidence its predecessor cited, unless since archived."""
    links = []
    created = {r.benchmark_id: r for r in assessment.responses.all()}
    for benchmark in benchmarks:
        old = earlier.get(benchmark.stable_key)
        if old is None:
            continue
        links += [
            Response.evidence.through(response_id=created[benchmark.pk].pk, evidenceitem_id=e.pk)
            for e in old.evidence.all()
            if e.archived_at is None
        ]
    Response.evidence.through.objects.bulk_create(links)


def _carry_forward(response: Response, old: Response) -> None:
    """Last cycle's narratives, and its judgement kept beside the response; the level resets."""
    response.carried_forward = True
    response.strengths = response.previous_strengths = old.strengths
    response.improvements = response.previous_improvements = old.improvements
    response.previous_level = old.level
    response.previous_confidence = old.confidence
    response.previous_not_applicable = old.not_applicable
    response.na_justification = old.na_justification
    response.previous_statement = old.benchmark.text
