"""Demo self-evaluations: Northfield has last year's approved and this year's in progress;
Riverside has one submitted for review. Idempotent (by title)."""

from datetime import timedelta

from django.utils import timezone

from assessments.comments import benchmark_comment_resolve
from assessments.models import Assessment
from assessments.services import (
    ResponseChange,
    assessment_approve,
    assessment_return,
    assessment_start,
    assessment_submit,
    assignment_set,
    response_save,
    self_judgement_save,
)
from demo.helpers import person
from demo.narratives import COLLEGE, ITP, TOPICS
from evidence.models import EvidenceItem
from frameworks.models import Framework
from frameworks.services import framework_load_builtin, subscription_set
from tenancy.models import Organisation, ProviderType
from tenancy.scope import tenant_scope

#: Last year's pattern of levels for the benchmarks without a hand-written entry.
LAST_YEAR_LEVELS = [2, 2, 3, 1, 2, 3]
CONFIDENCE_FOR = {1: "green", 2: "green", 3: "amber", 4: "red"}


def _find(evidence: list, title: str):
    return next((e for e in evidence if e.title.startswith(title)), None)


def _on_topic(evidence: list, code: str) -> list:
    """Evidence whose topic is this benchmark, never an expired item."""
    today = timezone.localdate()
    return [
        e
        for e in evidence
        if any(e.title.startswith(t) and code in codes for t, codes in TOPICS.items())
        and not (e.valid_until and e.valid_until < today)
    ]


def _fallback(response, level: int, evidence: list, actions: dict) -> ResponseChange:
    """A benchmark without a hand-written entry: judged on the evidence there is for it."""
    benchmark = response.benchmark
    linked = _on_topic(evidence, benchmark.code)
    if not linked:
        level = max(level, 3)  # nothing to show for it, so not a strength
    prompt = benchmark.evidence_prompts[0].lower() if benchmark.evidence_prompts else "a record"
    if level <= 2:
        strengths = f"{linked[0].title} shows this in practice; checked at the last termly review."
    else:
        strengths = f"Some of this is in place, but we do not yet hold {prompt}."
    return ResponseChange(
        level=level,
        confidence=CONFIDENCE_FOR[level] if linked else "amber",
        strengths=strengths,
        improvements=actions.get(benchmark.code, "") if level >= 3 else "",
        evidence=linked,
    )


def _answer(assessment, user, evidence, levels, only_criteria=None) -> None:
    kind = assessment.organisation.provider_type
    written = ITP if kind == ProviderType.INDEPENDENT_TRAINING_PROVIDER else COLLEGE
    newest = assessment.framework_version.framework.latest_version()
    actions = {
        b.code: b.suggested_actions[0] for b in newest.benchmarks.all() if b.suggested_actions
    }
    responses = assessment.responses.select_related("benchmark__criterion").order_by(
        "benchmark__criterion__position", "benchmark__position"
    )
    for n, response in enumerate(responses):
        if only_criteria and response.benchmark.criterion.code not in only_criteria:
            continue
        if response.not_applicable:
            continue  # started as not applicable for this kind of provider, with its reason
        entry = written.get(response.benchmark.code)
        if entry:
            level, rag, strengths, improvements, titles = entry
            change = ResponseChange(
                level=level,
                confidence=rag,
                strengths=strengths,
                improvements=improvements,
                evidence=[e for e in (_find(evidence, t) for t in titles) if e],
            )
        else:
            change = _fallback(response, levels[n % len(levels)], evidence, actions)
        response_save(
            response=response, change=change, expected_revision=response.revision, by=user
        )


def _start(organisation, version, title, lead, previous=None, due_in_days=60):
    existing = Assessment.objects.filter(title=title).first()
    if existing:
        return existing, False
    assessment = assessment_start(
        organisation=organisation,
        title=title,
        framework_version=version,
        lead=lead,
        due_date=timezone.localdate() + timedelta(days=due_in_days),
        by=lead,
        previous=previous,
    )
    return assessment, True


def _returned_once(assessment, qm, leader) -> None:
    """Submitted, returned with a comment on the last benchmark, resolved and submitted again."""
    assessment_submit(assessment=assessment, by=qm)
    ordered = assessment.responses.order_by("benchmark__criterion__position", "benchmark__position")
    response = ordered.select_related("benchmark").last()
    assessment_return(
        assessment=assessment,
        by=leader,
        comment=f"Nearly there: see the comment on {response.benchmark.code}.",
        benchmark_comments=[
            (response, "Say how governors check this, not only that the policy exists.")
        ],
    )
    for comment in assessment.benchmark_comments.all():
        benchmark_comment_resolve(comment=comment, by=qm)
    assessment_submit(
        assessment=assessment, by=qm, comment="The governors' check is added: ready for them."
    )


def seed_frameworks() -> list[str]:
    loaded = framework_load_builtin()
    return [f"Framework {version} ready" for version, _ in loaded]


def _cycles() -> tuple[str, str]:
    """This year's and last year's cycle labels, e.g. ("2026/27", "2025/26")."""
    year = timezone.localdate().year
    return f"{year}/{str(year + 1)[2:]}", f"{year - 1}/{str(year)[2:]}"


def _library() -> list:
    return list(EvidenceItem.objects.filter(archived_at=None).order_by("title"))


def _northfield(prevent: Framework, version, last_version) -> str:
    """Last year's approved on 2026.1; this year's carried forward onto the newest version."""
    this_cycle, last_cycle = _cycles()
    northfield = Organisation.objects.get(slug="northfield-training")
    subscription_set(organisation=northfield, frameworks=[prevent])
    with tenant_scope(northfield):
        qm, leader = person(northfield, "qm"), person(northfield, "leader")
        staff = person(northfield, "staff")
        evidence = _library()
        last_year, created = _start(
            northfield, last_version, f"{last_cycle} annual Prevent self-assessment", qm
        )
        if created:
            _answer(last_year, qm, evidence, LAST_YEAR_LEVELS)
            _returned_once(last_year, qm, leader)
            assessment_approve(
                assessment=last_year,
                by=leader,
                comment="A fair picture. Prioritise the risk assessment and IT monitoring gaps.",
                checks_acknowledged=True,
            )
        current, created = _start(
            northfield,
            version,
            f"{this_cycle} annual Prevent self-assessment",
            qm,
            previous=last_year,
        )
        if created:
            _answer(current, qm, evidence, [2, 1, 2, 3, 2], only_criteria={"C1", "C2"})
            c4 = version.criteria.get(code="C4")
            assignment_set(assessment=current, criterion=c4, assignee=staff, by=qm)
            assignment_set(
                assessment=current, criterion=version.criteria.get(code="C1"), assignee=qm
            )
    return f"Northfield: approved {last_cycle} and {this_cycle} in progress"


def _riverside(prevent: Framework, version) -> str:
    """This year's, answered and submitted for review with a self-judgement."""
    this_cycle, _last_cycle = _cycles()
    riverside = Organisation.objects.get(slug="riverside-college")
    subscription_set(organisation=riverside, frameworks=[prevent])
    with tenant_scope(riverside):
        qm = person(riverside, "qm")
        evidence = _library()
        submitted, created = _start(
            riverside, version, f"{this_cycle} Prevent self-assessment", qm, due_in_days=14
        )
        if created:
            _answer(submitted, qm, evidence, [2, 3, 2, 2, 1, 3, 2])
            self_judgement_save(
                assessment=submitted,
                area_key="safeguarding",
                grade="met",
                reasons="Referrals follow the local route and governors see termly counts (C6.6, "
                "C1.4); the risk assessment is overdue (C6.1) and adult learners know least "
                "about reporting (C9.2): both are in the action plan.",
                by=qm,
            )
            _returned_once(submitted, qm, person(riverside, "leader"))
    return f"Riverside: {this_cycle} submitted for review"


def seed_assessments() -> list[str]:
    """Last year's approved self-evaluation is on version 2026.1; this year's are on the newest
    version, started from last year's (carry-forward across versions)."""
    prevent = Framework.objects.get(slug="prevent-fe-itp")
    version = prevent.latest_version()
    last_version = prevent.versions.get(version="2026.1")
    return [_northfield(prevent, version, last_version), _riverside(prevent, version)]
