"""Demo Prevent registers: a risk register and a speaker and event log for each provider.

Riverside College (a general FE college) keeps a full register across every area of the DfE
template, reviewed this term (one review after an incident), and a busy event log with a
refused speaker who asks again. Northfield Training (an ITP delivering apprenticeships) keeps
a smaller register, last reviewed 14 months ago, with two high risks that have no further
action yet and no risk recorded for premises or welfare: the signals on its respond page say so.

Dates are relative to today. Idempotent: a provider that already has risks is left alone.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from registers.models import (
    EventSample,
    EventSampleItem,
    EventStatus,
    ExternalEvent,
    Finding,
    Risk,
)
from registers.services import (
    event_decide,
    event_record_checks,
    event_record_outcome,
    event_request,
    risk_create,
    risk_raise_action,
    risk_review,
    sample_item_verify,
)
from registers.services.events import Checks
from registers.services.risks import ReviewEntry
from registers.terms import Term, previous_term, term_of
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

User = get_user_model()

# (category, risk, hazard, controls, further action, lead, L, I, residual L, residual I)
COLLEGE_RISKS = [
    (
        "national",
        "Learners are drawn into extreme right-wing online communities",
        "CTLP and national picture: rising referrals of 16-18 year olds for online extreme "
        "right-wing content; learners on our IT and gaming courses spend long periods online.",
        "Online safety in tutorials; filtering and monitoring alerts to the DSL team.",
        "Tutors deliver the ETF 'online radicalisation' session to every 16-18 group by half term.",
        "qm",
        4,
        5,
        3,
        4,
    ),
    (
        "local",
        "Community tension after protests outside a hotel housing asylum seekers",
        "Protests in the town centre over the summer; learners from both communities attend.",
        "Tutorial discussion guidance; DSL briefed by the local authority Prevent coordinator.",
        "Run a staff briefing with the LA Prevent coordinator on the local picture.",
        "qm",
        3,
        4,
        2,
        4,
    ),
    (
        "leadership",
        "Governors cannot challenge Prevent performance",
        "New governors since the last annual report; no Prevent item at the board this year.",
        "Safeguarding link governor; annual safeguarding report to the board.",
        "Add a termly Prevent dashboard to the quality and standards committee.",
        "leader",
        2,
        3,
        2,
        2,
    ),
    (
        "training",
        "New sessional staff teach before completing Prevent training",
        "About 40 sessional staff join each September, many starting within a week.",
        "Home Office e-learning in the induction checklist; HR reports completions monthly.",
        "",
        "qm",
        3,
        3,
        2,
        3,
    ),
    (
        "online",
        "Learners' own devices bypass filtering on college Wi-Fi",
        "Mobile data and VPN apps; the guest network is less filtered than the staff one.",
        "Web filtering on all networks; VPN apps blocked; monitoring alerts reviewed daily.",
        "Test the filtering against the UK Safer Internet Centre checks each term.",
        "staff",
        3,
        4,
        2,
        3,
    ),
    (
        "premises",
        "Extremist leaflets or stickers left on the main campus",
        "Open campus with three public entrances; stickers found twice last year.",
        "Site team remove and photograph materials and report them to the DSL.",
        "",
        "staff",
        2,
        3,
        2,
        2,
    ),
    (
        "speakers",
        "Student union books speakers without the college's checks",
        "The union runs its own society events, some online and some off site.",
        "External speaker policy covers the union; requests go through the event log.",
        "Train the union officers on the speaker process in freshers' week.",
        "qm",
        3,
        4,
        2,
        3,
    ),
    (
        "welfare",
        "Multi-faith room used without agreed rules",
        "Room open all day; no booking system; concern raised about a leaflet left there.",
        "Chaplaincy team oversee the room; rules displayed on the door.",
        "Agree room rules with learner faith representatives and publish them.",
        "staff",
        2,
        3,
        1,
        3,
    ),
    (
        "subcontractors",
        "Subcontracted adult provision does not follow our Prevent policy",
        "Two subcontractors deliver adult skills in community venues.",
        "Annual due diligence questionnaire and monitoring visits cover Prevent.",
        "Include a Prevent question set in every monitoring visit.",
        "qm",
        2,
        4,
        2,
        3,
    ),
    (
        "workplaces",
        "Apprentices on employers' premises cannot reach the DSL team",
        "Apprentices spend four days a week with employers; some work night shifts.",
        "DSL contact card in the apprentice handbook; assessors ask about welfare each visit.",
        "Add the DSL's out-of-hours route to the apprentice app.",
        "staff",
        3,
        3,
        2,
        2,
    ),
]
ITP_RISKS = [
    (
        "national",
        "Apprentices exposed to online radicalisation while learning remotely",
        "Most off-the-job training is online; apprentices aged 16-24 in warehousing and logistics.",
        "Prevent module in induction; coaches discuss online safety at progress reviews.",
        "",
        "qm",
        4,
        4,
        4,
        4,
    ),
    (
        "local",
        "Far-right recruitment at distribution sites where apprentices work",
        "Stickers and leaflets reported at two employer sites in the region.",
        "Coaches raise concerns with the DSL; employer Prevent contacts on file.",
        "",
        "qm",
        3,
        5,
        3,
        5,
    ),
    (
        "leadership",
        "The directors rely on the Prevent lead alone",
        "Small senior team; the Prevent lead is also the quality manager.",
        "Monthly safeguarding report to the directors.",
        "A second director completes the DSL training.",
        "leader",
        2,
        4,
        2,
        3,
    ),
    (
        "training",
        "Coaches miss Prevent refresher training",
        "Coaches are field-based and often miss team training days.",
        "Online refresher assigned each year.",
        "Track refresher completion in the CRM.",
        "qm",
        3,
        3,
        2,
        3,
    ),
    (
        "online",
        "Filtering does not cover apprentices' own laptops",
        "Apprentices use their own devices on employers' networks.",
        "Acceptable use agreement at enrolment.",
        "",
        "staff",
        3,
        3,
        3,
        2,
    ),
    (
        "subcontractors",
        "Subcontractors' staff are not Prevent trained",
        "Three subcontractors deliver functional skills.",
        "Annual due diligence questionnaire asks for training records.",
        "Check training certificates at each monitoring visit.",
        "qm",
        2,
        4,
        2,
        3,
    ),
    (
        "workplaces",
        "Employers do not know how to raise a Prevent concern",
        "Line managers see apprentices daily; few have had any Prevent briefing.",
        "Employer handbook has the DSL's details.",
        "Send employers the two-page Prevent briefing with each new apprentice.",
        "staff",
        3,
        4,
        2,
        4,
    ),
]


def _person(organisation: Organisation, local: str):
    domain = organisation.contact_email.split("@")[1]
    return User.objects.get(email=f"{local}@{domain}")


def _risks(organisation: Organisation, rows, today: date, reviewed_days_ago: int) -> list[Risk]:
    qm = _person(organisation, "qm")
    reviewed_on = today - timedelta(days=reviewed_days_ago)
    risks = []
    for index, (category, text, hazard, controls, action, lead, lk, im, rl, ri) in enumerate(rows):
        risk = risk_create(
            organisation=organisation,
            by=qm,
            category=category,
            risk=text,
            hazard=hazard,
            existing_controls=controls,
            further_action=action,
            owner=_person(organisation, lead),
            action_due=today + timedelta(days=30 + 15 * index) if action else None,
            likelihood=lk,
            impact=im,
            residual_likelihood=rl,
            residual_impact=ri,
            next_review_date=reviewed_on + timedelta(days=365),
        )
        risk_review(
            risk=risk,
            by=qm,
            entry=ReviewEntry(
                reviewed_on=reviewed_on,
                notes="Annual review with the DSL team against the local CTLP briefing.",
                likelihood=lk,
                impact=im,
                residual_likelihood=rl,
                residual_impact=ri,
                next_review_date=reviewed_on + timedelta(days=305),
            ),
        )
        risks.append(risk)
    return risks


def _riverside_risks(organisation: Organisation, today: date) -> list[Risk]:
    risks = _risks(organisation, COLLEGE_RISKS, today, reviewed_days_ago=60)
    qm = _person(organisation, "qm")
    welfare = next(r for r in risks if r.category == "welfare")
    risk_review(
        risk=welfare,
        by=qm,
        entry=ReviewEntry(
            reviewed_on=today - timedelta(days=12),
            notes="Reviewed after the incident: rules drafted, likelihood raised until agreed.",
            after_incident=True,
            incident_summary="Leaflets from an unknown group were left in the multi-faith room.",
            likelihood=3,
            impact=3,
            residual_likelihood=2,
            residual_impact=3,
            next_review_date=today + timedelta(days=60),
        ),
    )
    for risk in [*risks[:3], welfare]:
        risk_raise_action(risk=risk, by=qm)
    # One risk slipped past its review date, so the calendar and signals show it.
    Risk.unscoped.filter(pk=risks[5].pk).update(next_review_date=today - timedelta(days=9))
    return risks


def _northfield_risks(organisation: Organisation, today: date) -> list[Risk]:
    risks = _risks(organisation, ITP_RISKS, today, reviewed_days_ago=427)  # about 14 months
    qm = _person(organisation, "qm")
    risk_raise_action(risk=risks[2], by=qm)
    return risks


def _event(organisation, by, *, days: int, **fields) -> ExternalEvent:
    today = timezone.localdate()
    event = event_request(
        organisation=organisation, by=by, event_date=today + timedelta(days=days), **fields
    )
    ExternalEvent.unscoped.filter(pk=event.pk).update(
        created_at=timezone.now() + timedelta(days=min(days, 0) - 21)
    )
    return event


def _check(event, by, *, level="low", conditions=(), notes="No concerns found.") -> None:
    event_record_checks(
        event=event,
        by=by,
        checks=Checks(True, True, True, notes, level, list(conditions)),
    )


def _backdate_steps(event: ExternalEvent, day: date) -> None:
    """The demo's decisions were made before each event, not on the day it was seeded."""
    before = timezone.now() + timedelta(days=(day - timezone.localdate()).days)
    ExternalEvent.unscoped.filter(pk=event.pk).update(
        checked_at=before - timedelta(days=12),
        decided_at=before - timedelta(days=10),
    )
    ExternalEvent.unscoped.filter(pk=event.pk).exclude(outcome_at=None).update(
        outcome_at=before + timedelta(days=1)
    )


def _approve(event, by, decider, *, outcome: str = "", conditions=(), level="low") -> None:
    _check(event, by, level=level, conditions=conditions)
    decision = EventStatus.APPROVED_WITH_CONDITIONS if conditions else EventStatus.APPROVED
    event_decide(event=event, by=decider, decision=decision, reasons="Proportionate to the risk.")
    if outcome:
        event_record_outcome(event=event, by=by, note=outcome, concern_raised=False)


SPEAKERS = {
    "riverside": [
        ("Careers in the armed forces", "Sgt Kelly Morgan", "British Army", "on_site", 80),
        ("Remembering Srebrenica", "Dr Amira Hodžić", "Remembering Srebrenica", "on_site", 120),
        (
            "Debate: free speech on campus",
            "Prof. Martin Ellis",
            "University of Leeds",
            "on_site",
            60,
        ),
        ("Knife crime and county lines", "PC Dev Patel", "West Yorkshire Police", "on_site", 200),
        ("Women in engineering", "Sana Iqbal", "Siemens", "online", 45),
        (
            "Faith and public life",
            "Imam Yusuf Rahman",
            "Bradford Council for Mosques",
            "on_site",
            40,
        ),
        ("Climate activism panel", "Jo Fletcher", "Extinction Rebellion Leeds", "off_site", 30),
        ("Apprenticeship showcase", "Laura Chen", "Arup", "on_site", 150),
    ],
    "northfield": [
        (
            "Staying safe online at work",
            "DC Hannah Price",
            "Regional Cyber Crime Unit",
            "online",
            60,
        ),
        ("Warehouse safety and wellbeing", "Mark Davies", "Usdaw", "online", 35),
        ("Volunteering in the community", "Rev. Sarah Cole", "Churches Together", "on_site", 20),
        ("Leadership for team leaders", "Ben Osei", "CMI", "online", 25),
    ],
}


def _events(organisation: Organisation, key: str, today: date) -> list[ExternalEvent]:
    qm, staff = _person(organisation, "qm"), _person(organisation, "staff")
    leader = _person(organisation, "leader")
    term = term_of(today)
    last = previous_term(term)
    made = []
    specs = SPEAKERS[key]
    # Half in the previous term, half in this term up to today: all approved and held.
    span = max((today - term.start).days, 0)
    for index, (title, speaker, org, fmt, numbers) in enumerate(specs):
        if index % 2:
            day = term.start + timedelta(days=span * index // len(specs))
        else:
            day = last.start + timedelta(days=10 + 9 * index)
        event = _event(
            organisation,
            staff,
            days=(day - today).days,
            title=title,
            speaker_name=speaker,
            speaker_organisation=org,
            topic=f"{title}: a talk and questions.",
            format=fmt,
            venue="Main hall" if fmt == "on_site" else "Teams",
            audience="Learners aged 16-19",
            expected_numbers=numbers,
        )
        conditions = ["staff_present", "code_of_conduct"] if index % 3 == 2 else []
        level = "medium" if conditions else "low"
        outcome = "" if index == 1 else "Went ahead as planned; conditions met; no concerns."
        _approve(event, qm, leader, outcome=outcome, conditions=conditions, level=level)
        _backdate_steps(event, day)
        made.append(event)
    return made


def _refused_and_pending(organisation: Organisation, today: date) -> None:
    qm, staff = _person(organisation, "qm"), _person(organisation, "staff")
    leader = _person(organisation, "leader")
    common = {"format": "on_site", "venue": "Lecture theatre", "expected_numbers": 90}
    refused = _event(
        organisation,
        staff,
        days=-70,
        title="Truth about the West",
        speaker_name="Jay Carver",
        speaker_organisation="Independent online commentator",
        topic="Identity and nationhood",
        audience="Level 3 public services learners",
        **common,
    )
    _check(
        refused,
        qm,
        level="high",
        notes="Open-source search found videos that incite "
        "hatred against Muslims; the previous host cancelled after complaints.",
    )
    event_decide(
        event=refused,
        by=leader,
        decision=EventStatus.REFUSED,
        reasons="Recent content breaches our code of conduct; no mitigation suffices.",
    )
    _backdate_steps(refused, refused.event_date)
    again = _event(
        organisation,
        staff,
        days=24,
        title="Nation, identity and you",
        speaker_name="jay carver",
        speaker_organisation="Independent online commentator",
        topic="A discussion on identity",
        audience="Level 3 public services learners",
        **common,
    )
    _check(
        again,
        qm,
        level="high",
        conditions=["independent_chair", "balanced_panel", "script_in_advance", "recorded"],
        notes="Same speaker as the refused request.",
    )
    _event(
        organisation,
        staff,
        days=38,
        title="Mental health in sport",
        speaker_name="Chris Adeyemi",
        speaker_organisation="Leeds Rhinos Foundation",
        topic="Resilience and wellbeing",
        audience="Sport learners",
        **common,
    )


def _upcoming_request(organisation: Organisation) -> ExternalEvent:
    return _event(
        organisation,
        _person(organisation, "staff"),
        days=21,
        title="Careers in cyber security",
        speaker_name="Aisha Karim",
        speaker_organisation="NCSC CyberFirst",
        topic="Routes into cyber security for logistics apprentices",
        format="online",
        venue="Teams",
        audience="Level 3 apprentices",
        expected_numbers=30,
    )


def _sample(organisation: Organisation, term: Term, events, leader, verify: int) -> None:
    held = [e for e in events if term.start <= e.event_date <= term.end]
    if not held:
        return
    sample = EventSample.objects.create(
        organisation=organisation,
        term_label=term.label,
        term_start=term.start,
        term_end=term.end,
        drawn_by=leader,
        population=len(held),
    )
    drawn = timezone.now() - timedelta(days=max((timezone.localdate() - term.end).days, 0))
    EventSample.unscoped.filter(pk=sample.pk).update(created_at=drawn)
    items = [
        EventSampleItem.objects.create(organisation=organisation, sample=sample, event=e)
        for e in held
    ]
    for item in items[:verify]:
        sample_item_verify(
            item=item,
            by=leader,
            finding=Finding.AS_APPROVED,
            note="Checked the log against the room booking and attendance list.",
        )


def _seed(organisation: Organisation, key: str) -> int:
    today = timezone.localdate()
    if key == "riverside":
        risks = _riverside_risks(organisation, today)
    else:
        risks = _northfield_risks(organisation, today)
    events = _events(organisation, key, today)
    leader = _person(organisation, "leader")
    term = term_of(today)
    if key == "riverside":
        _refused_and_pending(organisation, today)
        _sample(organisation, previous_term(term), events, leader, verify=99)
        _sample(organisation, term, events, leader, verify=1)
    else:
        _sample(organisation, term, events, leader, verify=0)
        _upcoming_request(organisation)
    return len(risks)


def seed_registers() -> list[str]:
    made = 0
    for slug, key in (("northfield-training", "northfield"), ("riverside-college", "riverside")):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if Risk.objects.exists():
                continue
            made += _seed(organisation, key)
    events = ExternalEvent.unscoped.count()
    return [f"Prevent registers: {made} risks added ({events} speakers and events in all)"]
