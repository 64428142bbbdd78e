"""Demo action plans: for both providers, actions in every status, some overdue (one long
enough to be escalated), some due this week, completed ones with evidence and impact, and for
Northfield some raised from the gaps of last year's approved self-evaluation.

Idempotent: hand-made actions by title, actions from gaps by their source key; progress is
recorded only on actions created in the same run.
"""

from datetime import timedelta

from django.utils import timezone

from actionplans.gaps import actions_from_gaps, gap_suggestions
from actionplans.models import Action, ActionStatus, Priority
from actionplans.services import Progress, action_create, action_record_progress
from assessments.models import Assessment, Status
from demo.helpers import backdate, person
from evidence.models import EvidenceItem
from frameworks.models import Benchmark, Framework, FrameworkVersion
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

# Each: title, owner (demo local part), days from today to the due date, priority, benchmark,
# and the progress to record: (days ago, status, comment) in order. A "done" entry completes it.
PLAN = [
    {
        "title": "Refresh Prevent awareness training for this year's new starters",
        "owner": "staff",
        "due_in": -21,  # long overdue: escalated to senior leaders
        "priority": Priority.HIGH,
        "benchmark": "C4.2",
        "description": "Fourteen staff joined since September. Each completes the Home Office "
        "Prevent awareness course and the local referral-route briefing.",
        "progress": [
            (
                30,
                ActionStatus.IN_PROGRESS,
                "Booked two briefing sessions with the local "
                "Prevent coordinator; the e-learning links are sent to all new starters.",
            ),
            (
                12,
                ActionStatus.IN_PROGRESS,
                "6 of 14 new starters have completed both parts. "
                "Chasing the rest through their line managers.",
            ),
        ],
    },
    {
        "title": "Review the Prevent risk assessment on the DfE template",
        "owner": "qm",
        "due_in": -5,
        "priority": Priority.HIGH,
        "benchmark": "C6.2",
        "description": "Last year's risk assessment has expired. Re-score every risk, name a "
        "lead officer and due date for each further action, and take it to the board.",
        "progress": [],
    },
    {
        "title": "Test web filtering against the DfE filtering and monitoring standards",
        "owner": "staff",
        "due_in": 3,  # due this week
        "priority": Priority.MEDIUM,
        "benchmark": "C7.2",
        "description": "Run the SWGfL test on every site's network and on loan laptops; "
        "record the results and fix any gap with the IT supplier.",
        "progress": [],
    },
    {
        "title": "Record the checks made for every external speaker this term",
        "owner": "leader",
        "due_in": 6,  # due this week
        "priority": Priority.MEDIUM,
        "benchmark": "C2.2",
        "description": "Each booking in the speaker log shows the risk assessment, the "
        "decision and any conditions, approved before the event is confirmed.",
        "progress": [
            (
                4,
                ActionStatus.IN_PROGRESS,
                "Speaker log template updated with the approval "
                "columns; back-filling this term's seven bookings.",
            ),
        ],
    },
    {
        "title": "Agree an information-sharing protocol with the local Prevent coordinator",
        "owner": "qm",
        "due_in": 30,
        "priority": Priority.MEDIUM,
        "benchmark": "C3.2",
        "description": "Align it with our safeguarding information-sharing agreement.",
        "progress": [
            (20, ActionStatus.IN_PROGRESS, "Draft protocol sent to the local authority."),
            (
                6,
                ActionStatus.BLOCKED,
                "Waiting for the local authority: their Prevent "
                "coordinator post is vacant until next month.",
            ),
        ],
    },
    {
        "title": "Renew the DSL's Prevent refresher training",
        "owner": "qm",
        "due_in": 20,
        "priority": Priority.HIGH,
        "benchmark": "C4.3",
        "evidence": "DSL Prevent refresher training certificate",
        "impact": "The DSL led this term's staff briefing on local risks and online "
        "radicalisation, using the regional coordinator's latest case studies.",
        "progress": [
            (25, ActionStatus.IN_PROGRESS, "Booked on the regional DSL refresher."),
            (10, ActionStatus.DONE, "Refresher completed; certificate added to the library."),
        ],
    },
    {
        "title": "Display the Channel referral pathway on every site",
        "owner": "staff",
        "due_in": -30,  # done before it fell due, so not overdue
        "priority": Priority.MEDIUM,
        "benchmark": "C4.2",
        "evidence": "Channel referral pathway poster",
        "impact": "In the spring staff survey 78% could name the referral route without "
        "looking it up, up from 41% in the autumn.",
        "progress": [
            (60, ActionStatus.IN_PROGRESS, "Poster designed with the DSL; printing ordered."),
            (40, ActionStatus.DONE, "Posters up in every staff room and on the intranet."),
        ],
    },
    {
        "title": "Add Prevent to the learner induction checklist",
        "owner": "staff",
        "due_in": 45,
        "priority": Priority.LOW,
        "benchmark": "C5.2",
        "description": "Tutors confirm each learner has had the Prevent and British values "
        "session in their first four weeks.",
        "progress": [],
    },
]

# Northfield's gaps from last year: (owner, days from today to the due date, priority or None
# for the suggestion's own, progress as in PLAN).
FROM_GAPS = [
    ("qm", 14, None, [(3, ActionStatus.IN_PROGRESS, "Procedure drafted; training booked.")]),
    ("staff", 2, Priority.HIGH, []),
    ("leader", 60, None, []),
]


def _record(action: Action, by, progress: list, evidence: list, impact: str) -> None:
    today, now = timezone.localdate(), timezone.now()
    for days_ago, status, comment in progress:
        done = status == ActionStatus.DONE
        update = action_record_progress(
            action=action,
            by=by,
            progress=Progress(
                comment=comment,
                status=status,
                completed_on=today - timedelta(days=days_ago) if done else None,
                impact_note=impact if done else "",
                completion_evidence=evidence if done else None,
            ),
        )
        # Dated as if it had been written then, so the timeline reads like a real one.
        backdate(update, created_at=now - timedelta(days=days_ago))


def _seed_plan(organisation: Organisation, version: FrameworkVersion) -> int:
    today = timezone.localdate()
    qm = person(organisation, "qm")
    existing = set(Action.objects.values_list("title", flat=True))
    benchmarks = {b.code: b for b in Benchmark.objects.filter(version=version)}
    library = {item.title: item for item in EvidenceItem.objects.filter(archived_at=None)}
    created = 0
    for spec in PLAN:
        if spec["title"] in existing:
            continue
        owner = person(organisation, spec["owner"])
        action = action_create(
            organisation=organisation,
            title=spec["title"],
            description=spec.get("description", ""),
            owner=owner,
            due_date=today + timedelta(days=spec["due_in"]),
            priority=spec["priority"],
            benchmark=benchmarks.get(spec["benchmark"]),
            by=qm,
        )
        evidence = [library[spec["evidence"]]] if spec.get("evidence") in library else []
        _record(action, owner, spec["progress"], evidence, spec.get("impact", ""))
        created += 1
    return created


def _seed_from_gaps(organisation: Organisation) -> int:
    approved = (
        Assessment.objects.filter(status=Status.APPROVED)
        .select_related("framework_version")
        .order_by("-approved_at")
        .first()
    )
    if approved is None:
        return 0
    today = timezone.localdate()
    qm = person(organisation, "qm")
    chosen, plans = [], {}
    # The first gaps, always the same ones: those raised already are skipped (idempotent).
    first = gap_suggestions(approved)[: len(FROM_GAPS)]
    for suggestion, (owner, due_in, priority, progress) in zip(first, FROM_GAPS, strict=False):
        if suggestion.existing is not None:
            continue
        chosen.append(
            {
                "response": suggestion.response,
                "title": suggestion.title,
                "description": suggestion.description,
                "owner": person(organisation, owner),
                "due_date": today + timedelta(days=due_in),
                "priority": priority or suggestion.priority,
            }
        )
        plans[suggestion.response.pk] = progress
    created = actions_from_gaps(assessment=approved, chosen=chosen, by=qm)
    for action in created:
        _record(action, action.owner, plans.get(action.response_id, []), [], "")
    return len(created)


def seed_actions() -> list[str]:
    version = Framework.objects.get(slug="prevent-fe-itp").latest_version()
    lines = []
    for slug in ("northfield-training", "riverside-college"):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            made = _seed_plan(organisation, version)
            if slug == "northfield-training":
                made += _seed_from_gaps(organisation)
            total = Action.objects.count()
        lines.append(f"{organisation.name}: {total} actions in the plan ({made} new)")
    return lines
