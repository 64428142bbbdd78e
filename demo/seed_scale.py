"""`seed_demo --scale large`: the benchmark dataset, built by bulk inserts through the models.

`Shape()` is the dataset issue 17 measures: 1,000 organisations with 20 people, 3 self-evaluation
cycles, 100 actions, 10 evidence items and 10 subcontractors each; one account manager looking
after 200 of them and one after all 1,000; and growth organisations with 10 to 10,000 actions,
evidence items, subcontractors and notifications, so a page's growth with the data can be read
off a series. Each organisation is built whole in its own transaction and skipped when it exists,
so an interrupted run can be resumed. bulk_create writes no django-simple-history rows: these
records have no past, which is what a freshly imported provider looks like.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.utils import timezone

from actionplans.models import Action, ActionStatus, Priority
from assessments.models import Assessment, Response, Status
from evidence.models import EvidenceItem, EvidenceKind
from frameworks.models import Benchmark, FrameworkVersion, Subscription
from reminders.models import Kind, Notification
from subcontractors.models import FundingStream, RiskRating, Subcontractor, SubcontractorStatus
from tenancy.models import Membership, Organisation, OrganisationUserObjectPermission, ProviderType
from tenancy.roles import Role

User = get_user_model()
BATCH = 2000
DOMAIN = "scale.demo.example"
STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED]
PRIORITIES = [Priority.HIGH, Priority.MEDIUM, Priority.LOW]
LEVELS = [2, 3, 1, 2, 4, 2]
CONFIDENCE = {1: "green", 2: "green", 3: "amber", 4: "red"}


@dataclass(frozen=True)
class Shape:
    organisations: int = 1000
    people: int = 20
    cycles: int = 3
    actions: int = 100
    evidence: int = 10
    subcontractors: int = 10
    growth: tuple[int, ...] = (10, 100, 1000, 10000)
    portfolio: tuple[int, ...] = (200, 1000)


@dataclass(frozen=True)
class Size:
    """How much one organisation holds."""

    actions: int
    evidence: int
    subcontractors: int
    notifications: int = 0


@dataclass(frozen=True)
class Context:
    version: FrameworkVersion
    benchmarks: Sequence[Benchmark]
    password_hash: str
    today: date


def scale_slug(n: int) -> str:
    return f"scale-{n:04d}"


def growth_slug(size: int) -> str:
    return f"growth-{size:05d}"


def person_email(slug: str, n: int) -> str:
    return f"p{n:02d}.{slug}@{DOMAIN}"


def account_manager_email(providers: int) -> str:
    return f"am{providers}@{DOMAIN}"


def seed_scale(*, password: str, shape: Shape = Shape()) -> list[str]:
    version = FrameworkVersion.objects.filter(framework__slug="prevent-fe-itp").latest("created_at")
    context = Context(
        version=version,
        benchmarks=list(version.benchmarks.select_related("criterion").order_by("pk")),
        password_hash=make_password(password),
        today=timezone.localdate(),
    )
    regular = Size(shape.actions, shape.evidence, shape.subcontractors)
    built = 0
    for n in range(shape.organisations):
        built += _organisation(scale_slug(n), f"Scale Provider {n:04d}", 7_000_000 + n, regular,
                               shape, context)  # fmt: skip
    for m, size in enumerate(shape.growth):
        grown = Size(size, size, size, notifications=size)
        built += _organisation(growth_slug(size), f"Growth Provider {size:,}", 7_900_000 + m,
                               grown, shape, context)  # fmt: skip
    for providers in shape.portfolio:
        _account_manager(providers, context)
    _refresh_planner_statistics()
    return [
        f"Scale dataset: {built} organisations built now, "
        f"{Organisation.objects.filter(slug__startswith='scale-').count()} regular and "
        f"{len(shape.growth)} growth organisations in all",
        "Account managers: "
        + ", ".join(account_manager_email(p) for p in shape.portfolio)
        + f"; people: {person_email(scale_slug(0), 0)} (quality manager) and so on",
    ]


def _refresh_planner_statistics() -> None:
    """ANALYZE after the bulk load, as autovacuum would soon do in production: without it
    PostgreSQL plans from the tables' sizes before the load (the dashboard's owner figures
    hash-joined all 20,000 users, 16 ms instead of 0.5) and the benchmarks measure that."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _organisation(
    slug: str, name: str, ukprn: int, size: Size, shape: Shape, context: Context
) -> int:
    if Organisation.objects.filter(slug=slug).exists():
        return 0
    with transaction.atomic():
        organisation = Organisation.objects.create(
            slug=slug,
            name=name,
            ukprn=f"1{ukprn:07d}",
            provider_type=ProviderType.INDEPENDENT_TRAINING_PROVIDER,
            contact_name="Scale Contact",
            contact_email=f"contact.{slug}@{DOMAIN}",
        )
        Subscription.objects.for_organisation(organisation).bulk_create(
            [Subscription(organisation=organisation, framework_id=context.version.framework_id)]
        )
        people = _people(organisation, shape.people, context)
        evidence = _evidence(organisation, people, size.evidence, context)
        latest = _assessments(organisation, people, evidence, shape.cycles, context)
        actions = _actions(organisation, people, latest, size.actions, context)
        _subcontractors(organisation, people, size.subcontractors, context)
        _notifications(organisation, people[0], actions[: size.notifications], context)
    return 1


def _role(n: int) -> str:
    if n == 0:
        return Role.QUALITY_MANAGER
    if n == 1:
        return Role.SENIOR_LEADER
    return Role.CONTRIBUTOR if n < 16 else Role.VIEWER


def _people(organisation: Organisation, count: int, context: Context) -> list:
    users = User.objects.bulk_create(
        [
            User(
                email=person_email(organisation.slug, n),
                name=f"Person {n:02d} {organisation.slug}",
                password=context.password_hash,
            )
            for n in range(count)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Membership.objects.for_organisation(organisation).bulk_create(
        [Membership(organisation=organisation, user=u, role=_role(n)) for n, u in enumerate(users)]
    )
    return users


def _evidence(organisation: Organisation, people: list, count: int, context: Context) -> list:
    return EvidenceItem.objects.for_organisation(organisation).bulk_create(
        [
            EvidenceItem(
                organisation=organisation,
                title=f"Evidence record {n:05d}: Prevent training and meeting notes",
                description="Termly record of Prevent training, briefings and their impact.",
                kind=EvidenceKind.LINK,
                url=f"https://intranet.{organisation.slug}.example/evidence/{n}",
                owner=people[n % len(people)],
                uploaded_by=people[0],
                effective_date=context.today - timedelta(days=n % 700),
                # a year's validity: a third never expire, some have expired, some expire soon
                valid_until=context.today - timedelta(days=n % 700 - 365) if n % 3 else None,
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )


def _assessments(
    organisation: Organisation, people: list, evidence: list, cycles: int, context: Context
) -> Assessment:
    previous = None
    first_year = context.today.year - cycles + 1
    for year in range(first_year, first_year + cycles):
        final = year == first_year + cycles - 1
        assessment = Assessment.objects.for_organisation(organisation).create(
            organisation=organisation,
            title=f"{year}/{(year + 1) % 100:02d} self-assessment",
            framework_version=context.version,
            lead=people[0],
            created_by=people[0],
            due_date=date(year + 1, 7, 31),
            status=Status.DRAFT if final else Status.APPROVED,
            previous=previous,
            approved_by=None if final else people[1],
            approved_at=None if final else timezone.now() - timedelta(days=365 * (cycles - 1)),
        )
        _responses(assessment, people[0], evidence, context)
        previous = assessment
    assert previous is not None
    return previous


def _responses(assessment: Assessment, by, evidence: list, context: Context) -> None:
    responses = Response.objects.for_organisation(assessment.organisation_id).bulk_create(
        [
            Response(
                organisation_id=assessment.organisation_id,
                assessment=assessment,
                benchmark=benchmark,
                level=LEVELS[n % len(LEVELS)],
                confidence=CONFIDENCE[LEVELS[n % len(LEVELS)]],
                strengths=f"Our work on {benchmark.code} is in place and reviewed each term.",
                improvements="Evaluate impact through learner voice and report to the board.",
                revision=1,
                updated_by=by,
            )
            for n, benchmark in enumerate(context.benchmarks)
        ]
    )
    if evidence:
        Response.evidence.through.objects.bulk_create(
            [
                Response.evidence.through(response=r, evidenceitem=evidence[n % len(evidence)])
                for n, r in enumerate(responses)
            ]
        )


def _actions(
    organisation: Organisation, people: list, latest: Assessment, count: int, context: Context
) -> list:
    scoped = Response.objects.for_organisation(organisation)
    responses = list(scoped.filter(assessment=latest).order_by("pk"))
    actions = []
    for n in range(count):
        response = responses[n % len(responses)]
        benchmark = context.benchmarks[n % len(context.benchmarks)]
        done = n % 4 == 3
        actions.append(
            Action(
                organisation=organisation,
                title=f"Action {n:05d}: strengthen {benchmark.code} and record the impact",
                description="Agree the procedure, train the staff involved and audit it.",
                response=response,
                benchmark=benchmark,
                criterion=benchmark.criterion,
                owner=people[2 + n % (len(people) - 2)] if len(people) > 2 else people[0],
                due_date=context.today + timedelta(days=(n % 120) - 30),
                priority=PRIORITIES[n % 3],
                status=ActionStatus.DONE if done else STATUSES[n % 3],
                completed_on=context.today - timedelta(days=n % 30) if done else None,
                impact_note="Checked at the termly review." if done else "",
                created_by=people[0],
            )
        )
    return Action.objects.for_organisation(organisation).bulk_create(actions, batch_size=BATCH)


def _subcontractors(organisation: Organisation, people: list, count: int, context: Context) -> None:
    risks = [RiskRating.LOW, RiskRating.MEDIUM, RiskRating.HIGH]
    Subcontractor.objects.for_organisation(organisation).bulk_create(
        [
            Subcontractor(
                organisation=organisation,
                name=f"Subcontractor {n:05d} Training Ltd",
                ukprn=f"1{3_000_000 + n:07d}",
                contact_name="Contract Manager",
                contact_email=f"contracts{n}@sub.{DOMAIN}",
                prevent_lead_name="Prevent Lead",
                prevent_lead_email=f"prevent{n}@sub.{DOMAIN}",
                delivery_regions=["london"],
                funding_stream=FundingStream.ADULT_SKILLS,
                contract_value=Decimal(10_000 + n),
                status=SubcontractorStatus.ACTIVE,
                risk_rating=risks[n % 3],
                risk_reasons="" if n % 3 == 0 else "New to us; delivers to 16 to 18 year olds.",
                next_review_date=context.today + timedelta(days=(n % 365) - 30),
                owner=people[n % len(people)],
                created_by=people[0],
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )


def _notifications(organisation: Organisation, recipient, actions: list, context: Context) -> None:
    Notification.objects.for_organisation(organisation).bulk_create(
        [
            Notification(
                organisation=organisation,
                recipient=recipient,
                kind=Kind.ACTION_DUE_SOON,
                action=action,
                due_date=action.due_date,
                dedupe_key=f"scale:{action.code}",
                email_sent_at=timezone.now(),
                read_at=timezone.now() if n % 2 else None,
            )
            for n, action in enumerate(actions)
        ],
        batch_size=BATCH,
    )


# Account managers must use two-factor authentication: the benchmark's account managers have an
# authenticator app with this known secret (demo data only), so `benchmarks/pages.py` can sign in
# through the real form and the real code check.
SCALE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def scale_totp(user, *, renew: bool = False) -> None:
    """Gives `user` the known authenticator; `renew` encrypts it again under this process's
    key (the benchmark's server runs with its own SECRET_KEY)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    if renew:
        existing.delete()
    if not existing.exists():
        TOTP.activate(user, SCALE_TOTP_SECRET)


def _account_manager(providers: int, context: Context) -> None:
    user, created = User.objects.get_or_create(
        email=account_manager_email(providers),
        defaults={
            "name": f"Account Manager {providers}",
            "is_account_manager": True,
            "password": context.password_hash,
        },
    )
    if created:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    scale_totp(user)
    permission = Permission.objects.get(
        codename="look_after_organisation", content_type__app_label="tenancy"
    )
    slugs = [scale_slug(n) for n in range(providers)]
    have = set(
        OrganisationUserObjectPermission.objects.filter(user=user).values_list(
            "content_object_id", flat=True
        )
    )
    OrganisationUserObjectPermission.objects.bulk_create(
        [
            OrganisationUserObjectPermission(user=user, permission=permission, content_object=o)
            for o in Organisation.objects.filter(slug__in=slugs).exclude(pk__in=have)
        ],
        batch_size=BATCH,
    )
