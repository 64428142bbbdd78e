"""Demo self-evaluations: Northfield has last year's approved and this year's in progress;
Riverside has one submitted for review. Idempotent (by title)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import Assessment
from assessments.services import (
    ResponseChange,
    assessment_approve,
    assessment_start,
    assessment_submit,
    assignment_set,
    response_save,
)
from evidence.models import EvidenceItem
from frameworks.models import Framework, FrameworkVersion
from frameworks.services import framework_load_builtin, subscription_set
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

User = get_user_model()

STRENGTHS = {
    1: "{subject} is embedded and evaluated: leaders review its impact each term and the "
    "evidence shows it works consistently across sites. As a result, staff act confidently.",
    2: "{subject} works well in practice; recent checks show it is applied consistently, "
    "although we have not yet measured its impact on learners.",
    3: "{subject} is in place but applied inconsistently; spot checks show gaps between "
    "sites, so we cannot yet show it is effective.",
    4: "{subject} is not yet in place in a way we can evidence.",
}
IMPROVEMENTS = {
    1: "Share the approach with subcontractors and keep the termly review.",
    2: "Evaluate impact through learner voice and record the results for the board.",
    3: "Agree a single procedure, train the staff involved and audit it next term.",
    4: "Put the arrangement in place this term with a named owner and deadline.",
}
LAST_YEAR_LEVELS = [2, 2, 3, 1, 2, 3]
CONFIDENCE_FOR = {1: "green", 2: "green", 3: "amber", 4: "red"}


def _subject(benchmark) -> str:
    first = benchmark.evidence_prompts[0] if benchmark.evidence_prompts else benchmark.code
    return f"Our work on {benchmark.code} ({first[0].lower()}{first[1:]})"


def _answer(assessment, user, evidence, levels, only_criteria=None) -> None:
    responses = assessment.responses.select_related("benchmark__criterion").order_by(
        "benchmark__criterion__position", "benchmark__position"
    )
    for n, response in enumerate(responses):
        if only_criteria and response.benchmark.criterion.code not in only_criteria:
            continue
        level = levels[n % len(levels)]
        linked = [evidence[n % len(evidence)]] if evidence and level < 4 else []
        if level == 1 and len(evidence) > 1:
            linked.append(evidence[(n + 1) % len(evidence)])
        response_save(
            response=response,
            change=ResponseChange(
                level=level,
                confidence=CONFIDENCE_FOR[level],
                strengths=STRENGTHS[level].format(subject=_subject(response.benchmark)),
                improvements=IMPROVEMENTS[level],
                evidence=linked,
            ),
            expected_revision=response.revision,
            by=user,
        )


def _person(organisation: Organisation, local: str):
    domain = organisation.contact_email.split("@")[1]
    return User.objects.get(email=f"{local}@{domain}")


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
        started_by=lead,
        previous=previous,
    )
    return assessment, True


def seed_frameworks() -> list[str]:
    loaded = framework_load_builtin()
    return [f"Framework {version} ready" for version, _ in loaded]


def seed_assessments() -> list[str]:
    version = FrameworkVersion.objects.filter(framework__slug="prevent-fe-itp").latest("created_at")
    prevent = Framework.objects.get(slug="prevent-fe-itp")
    lines = []
    year = timezone.localdate().year
    this_cycle, last_cycle = f"{year}/{str(year + 1)[2:]}", f"{year - 1}/{str(year)[2:]}"

    northfield = Organisation.objects.get(slug="northfield-training")
    subscription_set(organisation=northfield, frameworks=[prevent])
    with tenant_scope(northfield):
        qm, leader = _person(northfield, "qm"), _person(northfield, "leader")
        staff = _person(northfield, "staff")
        evidence = list(EvidenceItem.objects.filter(archived_at=None).order_by("title"))
        last_year, created = _start(
            northfield, version, f"{last_cycle} annual Prevent self-assessment", qm
        )
        if created:
            _answer(last_year, qm, evidence, LAST_YEAR_LEVELS)
            assessment_submit(assessment=last_year, by=qm)
            assessment_approve(
                assessment=last_year,
                by=leader,
                comment="A fair picture. Prioritise the risk assessment and IT monitoring gaps.",
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
            assignment_set(assessment=current, criterion=c4, assignee=staff)
            assignment_set(
                assessment=current, criterion=version.criteria.get(code="C1"), assignee=qm
            )
    lines.append(f"Northfield: approved {last_cycle} and {this_cycle} in progress")

    riverside = Organisation.objects.get(slug="riverside-college")
    subscription_set(organisation=riverside, frameworks=[prevent])
    with tenant_scope(riverside):
        qm = _person(riverside, "qm")
        evidence = list(EvidenceItem.objects.filter(archived_at=None).order_by("title"))
        submitted, created = _start(
            riverside, version, f"{this_cycle} Prevent self-assessment", qm, due_in_days=14
        )
        if created:
            _answer(submitted, qm, evidence, [2, 3, 2, 2, 1, 3, 2])
            assessment_submit(
                assessment=submitted, by=qm, comment="Ready for the governors' meeting."
            )
    lines.append(f"Riverside: {this_cycle} submitted for review")
    return lines
