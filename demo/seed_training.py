"""Demo staff training matrices: believable staff, sites and completions for each provider.

Northfield Training (an ITP) has about 40 staff at two centres plus subcontractor staff; several
tutors are overdue for their refresher and two new starters have not done their induction
training. Riverside College has about 60 staff across three campuses and is mostly up to date.
Built through the real services from a fixed random seed; dates are relative to today.
Idempotent: a provider that already has staff is left alone.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from demo.helpers import person
from evidence.models import EvidenceItem
from tenancy.models import Organisation
from tenancy.scope import tenant_scope
from training.models import Course, RoleGroup, StaffMember
from training.services import completion_record, courses_seed_defaults, staff_create
from training.status import add_months

FIRST = [
    "Aisha",
    "Amir",
    "Ben",
    "Chloe",
    "Dan",
    "Ella",
    "Faisal",
    "Grace",
    "Hannah",
    "Imran",
    "Jack",
    "Kate",
    "Liam",
    "Maya",
    "Nadia",
    "Oliver",
    "Priya",
    "Ravi",
    "Sam",
    "Sophie",
    "Tom",
    "Uma",
    "Will",
    "Yasmin",
    "Zoe",
    "Adam",
    "Beth",
    "Carl",
    "Dev",
    "Erin",
    "Farah",
    "Gary",
    "Hollie",
    "Isaac",
    "Jess",
    "Kieran",
    "Leah",
    "Marcus",
    "Nina",
    "Owen",
]
LAST = [
    "Ahmed",
    "Bennett",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morris",
    "Nowak",
    "Owusu",
    "Patel",
    "Quinn",
    "Roberts",
    "Shah",
    "Taylor",
    "Walsh",
    "Wood",
    "Young",
    "Ali",
    "Brown",
    "Cooper",
    "Hughes",
    "Kaur",
    "Mills",
    "Singh",
]


@dataclass(frozen=True)
class Shape:
    seed: int
    groups: dict[str, int]  # role group -> how many
    sites: tuple[str, ...]
    subcontractor_site: str
    overdue_share: float  # chance a refresher has lapsed
    never_share: float  # chance a long-serving person never did a course


SHAPES = {
    "northfield-training": Shape(
        seed=15,
        groups={
            RoleGroup.BOARD: 3,
            RoleGroup.SENIOR_LEADERS: 3,
            RoleGroup.DSL: 2,
            RoleGroup.TUTORS: 20,
            RoleGroup.SUPPORT: 6,
            RoleGroup.SUBCONTRACTOR: 6,
        },
        sites=("Leeds centre", "Bradford centre"),
        subcontractor_site="Subcontractor: Pennine Skills",
        overdue_share=0.22,
        never_share=0.08,
    ),
    "riverside-college": Shape(
        seed=26,
        groups={
            RoleGroup.BOARD: 8,
            RoleGroup.SENIOR_LEADERS: 6,
            RoleGroup.DSL: 3,
            RoleGroup.TUTORS: 28,
            RoleGroup.SUPPORT: 11,
            RoleGroup.SUBCONTRACTOR: 4,
        },
        sites=("Main campus", "City centre campus", "Construction skills centre"),
        subcontractor_site="Subcontractor: Riverside Motor Academy",
        overdue_share=0.08,
        never_share=0.03,
    ),
}


def _names(rng: random.Random, n: int) -> list[str]:
    pairs = [f"{f} {surname}" for f in FIRST for surname in LAST]
    return rng.sample(pairs, n)


def _staff(organisation: Organisation, shape: Shape, today: date, by) -> list[StaffMember]:
    rng = random.Random(shape.seed)
    total = sum(shape.groups.values())
    names = iter(_names(rng, total + 2))
    made = []
    for number, (group, _count) in enumerate(
        ((g, c) for g, c in shape.groups.items() for _ in range(c)), start=1
    ):
        site = shape.subcontractor_site if group == RoleGroup.SUBCONTRACTOR else ""
        if group not in (RoleGroup.BOARD, RoleGroup.SUBCONTRACTOR):
            site = shape.sites[number % len(shape.sites)]
        started = today - timedelta(days=rng.randint(200, 3600))
        made.append(
            staff_create(
                organisation=organisation,
                by=by,
                name=next(names),
                role_group=group,
                site=site,
                staff_number=f"S{shape.seed}{number:04d}",
                email="",
                start_date=started,
                leaving_date=None,
            )
        )
    for days, group in ((20, RoleGroup.TUTORS), (75, RoleGroup.SUPPORT)):  # new starters
        made.append(
            staff_create(
                organisation=organisation,
                by=by,
                name=next(names),
                role_group=group,
                site=shape.sites[0],
                staff_number=f"S{shape.seed}{len(made) + 1:04d}",
                email="",
                start_date=today - timedelta(days=days),
                leaving_date=None,
            )
        )
    return made


def _last_done(rng: random.Random, course: Course, shape: Shape, started: date, today: date):
    """When this person last did the course (None: never), as the provider's shape suggests."""
    if today - started < timedelta(days=120):
        return None  # the new starters have not done their induction training yet
    if rng.random() < shape.never_share:
        return None
    months = course.refresh_months or 36
    if rng.random() < shape.overdue_share:
        back = rng.randint(months * 30 + 10, months * 30 + 200)
    else:
        back = rng.randint(5, months * 30 - 10)
    return max(today - timedelta(days=back), started)


def _completions(organisation, shape, staff, today, by, certificate) -> int:
    rng = random.Random(shape.seed * 7)
    courses = [c for c in Course.objects.for_organisation(organisation) if c.role_groups]
    made = 0
    for member in staff:
        for course in courses:
            if not course.needed_by(member.role_group):
                continue
            last = _last_done(rng, course, shape, member.start_date, today)
            if last is None:
                continue
            if course.refresh_months and rng.random() < 0.4:  # an earlier round too
                earlier = add_months(last, -course.refresh_months)
                if earlier >= member.start_date:
                    completion_record(
                        organisation=organisation,
                        staff=member,
                        course=course,
                        completed_on=earlier,
                        by=by,
                    )
                    made += 1
            local = "Local" in course.title
            completion_record(
                organisation=organisation,
                staff=member,
                course=course,
                completed_on=last,
                by=by,
                score=rng.randint(62, 100) if local else None,
                certificate=certificate if course.provider == "Home Office" else None,
            )
            made += 1
    return made


def _leaver(organisation, shape: Shape, today: date, by) -> None:
    staff_create(
        organisation=organisation,
        by=by,
        name="Rowan Hale",
        role_group=RoleGroup.TUTORS,
        site=shape.sites[-1],
        staff_number=f"S{shape.seed}9999",
        email="",
        start_date=today - timedelta(days=1500),
        leaving_date=today - timedelta(days=100),
    )


def seed_training() -> list[str]:
    today = timezone.localdate()
    people = completions = 0
    for slug, shape in SHAPES.items():
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if StaffMember.objects.exists():
                continue
            qm = person(organisation, "qm")
            courses_seed_defaults(organisation=organisation, by=qm)
            certificate = EvidenceItem.objects.filter(title__icontains="training").first()
            staff = _staff(organisation, shape, today, qm)
            completions += _completions(organisation, shape, staff, today, qm, certificate)
            _leaver(organisation, shape, today, qm)
            people += len(staff) + 1
    return [f"Training matrices: {people} staff added ({completions} completions)"]
