"""Persona fixtures: a member, a read-only member and an outsider from another organisation."""

import os
import re

import pytest
from django.test import Client
from django.utils import translation

from prevent_compliance.celery import app as celery_app
from tenancy.roles import Role
from tests import clockshift
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    give_mfa_if_required,
)


def pytest_addoption(parser) -> None:
    clockshift.addoption(parser)


def pytest_report_header(config) -> str | None:
    return clockshift.header(config)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Welsh leaves Welsh active in the thread (Django's LocaleMiddleware does not
    undo it after the response); the next test starts in English, the default, again."""
    yield
    translation.deactivate()


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Northbeck Training", slug="northbeck")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Southdale College", slug="southdale")


@pytest.fixture
def member(org):
    """A quality manager of `org`."""
    return MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user


@pytest.fixture
def readonly_member(org):
    return MembershipFactory(organisation=org, role=Role.VIEWER).user


@pytest.fixture
def outsider(other_org):
    """A quality manager of another organisation: must never see `org`."""
    return MembershipFactory(organisation=other_org, role=Role.QUALITY_MANAGER).user


def member_of(org, role, **kwargs):
    return MembershipFactory(organisation=org, role=role, **kwargs).user


# One persona per role in `org`, named for the role (a member above is its quality manager).
@pytest.fixture
def qm(org):
    return member_of(org, Role.QUALITY_MANAGER, user__name="Quinn Manager")


@pytest.fixture
def leader(org):
    return member_of(org, Role.SENIOR_LEADER, user__name="Lee Leader")


@pytest.fixture
def contributor(org):
    return member_of(org, Role.CONTRIBUTOR, user__name="Casey Contributor")


@pytest.fixture
def colleague(org):
    """Another contributor of the same organisation."""
    return member_of(org, Role.CONTRIBUTOR, user__name="Robin Colleague")


@pytest.fixture
def viewer(org):
    return member_of(org, Role.VIEWER, user__name="Vic Viewer")


@pytest.fixture
def version(db):
    """The small sample framework of tests/frameworks/sample.py, loaded."""
    from frameworks.services import framework_load
    from tests.frameworks.sample import SAMPLE

    version, _ = framework_load(text=SAMPLE)
    return version


@pytest.fixture
def subscribed(org, version):
    """`org` uses the sample framework."""
    from frameworks.services import subscription_set

    subscription_set(organisation=org, frameworks=[version.framework])
    return version


@pytest.fixture
def client_for():
    def make(user) -> Client:
        give_mfa_if_required(user)  # as an account manager or admin has, before their first page
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def broker(settings):
    """Switch Celery from eager mode to a real broker URL for one test, then back."""
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}

    def forget_connections() -> None:
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def empty_queues() -> None:
        # A message left in a queue by an earlier run (Redis outlives test databases, whose ids
        # start again at 1) would be taken for this test's own.
        with celery_app.connection_for_write() as connection:
            channel = connection.default_channel
            for queue in ("celery", settings.PACKS_QUEUE):
                channel.queue_purge(queue)

    def use(url: str) -> None:
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = url
        forget_connections()
        if url == os.environ.get("REDIS_URL"):
            empty_queues()

    yield use
    celery_app.conf.update(saved)
    forget_connections()


#: Operations the models do not describe: a test database is made from the models
#: (`--no-migrations` in pyproject.toml, 6 s a worker instead of 40 s of rendering migration
#: states), so each of these says what it means for that database. tests/test_migrations.py fails
#: on a new one until it is listed here.
MIGRATION_ONLY_OPERATIONS = {
    # The search's GIN index (PostgreSQL): made here as the migration makes it.
    ("evidence", "0004_evidence_search_index"): "schema",
    # Sets a topic on criteria already loaded: an empty database has none.
    ("frameworks", "0004_criterion_topic"): "data",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The tables come from the models; what only a migration makes is added after them. The
    migrations themselves run for real in CI's stack check, on PostgreSQL and SQLite;
    `makemigrations --check` keeps the two the same."""
    import importlib

    from django.db import connection

    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        for (app, name), kind in MIGRATION_ONLY_OPERATIONS.items():
            if kind == "schema":
                importlib.import_module(f"{app}.migrations.{name}").create(None, editor)
    yield


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """Everything `seed_demo` creates, put in place once per test module and rolled back after it
    (seeded once per process, then copied: tests/demo_snapshot.py).

    Tests that use it also take `db`, whose per-test transaction nests inside this one.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from tests.demo_snapshot import demo_world_build

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_world_build(packs=True)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            ContentType.objects.clear_cache()  # the rows before the module come back


# --- CI guarantees -------------------------------------------------------------------------
# CI sets REQUIRE_SERVICES=1 and REQUIRE_BROWSER=1: the run then fails if the database is not
# PostgreSQL, Redis does not answer, or any browser or services test was skipped.

# Under pytest-xdist, workers collect and the controller reports: the mark travels with each
# report as a user property, so the check works in both.
REQUIRED_BY_CI = "required_by_ci"
_skipped_required: list[str] = []


def _env_flag(name: str) -> bool:
    import os

    return os.environ.get(name, "") in {"1", "true", "yes"}


def pytest_configure(config) -> None:
    clockshift.start(config)
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        import uuid

        # The workers share the demo world's copy under this name (tests/demo_snapshot.py).
        config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
    if not _env_flag("REQUIRE_SERVICES"):
        return
    import redis
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(f"REQUIRE_SERVICES: the database is {engine}, not PostgreSQL")
    if not settings.REDIS_URL:
        raise pytest.UsageError("REQUIRE_SERVICES: REDIS_URL is not set")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        raise pytest.UsageError(f"REQUIRE_SERVICES: Redis is unreachable: {exc}") from exc


#: The whole-site walks: each requests every page (or every page that names an object) as
#: several holders. They check access, HTML and input rules, which no clock changes, so the
#: suite with the clock moved ahead (make test-future) leaves them out: `-m "not crawl"`.
CRAWLS = (
    "tests/test_role_matrix.py",
    "tests/test_tenant_isolation.py",
    "tests/test_nul_characters.py",
    "tests/test_html_valid.py",
    "tests/test_request_safeguards.py",
    "tests/accounts/test_mfa_required.py",
    "tests/test_restricted_evidence_isolation.py",
    "tests/referrals/test_no_small_figure_leaks.py",
    "tests/test_current_rules.py",
)


#: A test module that handles dates: it reads the clock, freezes it or builds dates.
DATED = re.compile(
    r"\b(days_from_today|iso_days_from_today|frozen_on|TODAY|localdate|timedelta|"
    r"date\(|datetime|freeze|travel|today)\b"
)


def _handles_dates(path, seen: dict) -> bool:
    if path not in seen:
        seen[path] = bool(DATED.search(path.read_text(encoding="utf-8")))
    return seen[path]


def pytest_collection_modifyitems(config, items) -> None:
    seen: dict = {}
    for item in items:
        if item.nodeid.startswith(CRAWLS):
            item.add_marker(pytest.mark.crawl)
        if _handles_dates(item.path, seen):
            item.add_marker(pytest.mark.dated)
        if item.get_closest_marker("browser") and _env_flag("REQUIRE_BROWSER"):
            item.user_properties.append((REQUIRED_BY_CI, "browser"))
        elif item.get_closest_marker("services") and _env_flag("REQUIRE_SERVICES"):
            item.user_properties.append((REQUIRED_BY_CI, "services"))


def pytest_runtest_logreport(report) -> None:
    if report.skipped and REQUIRED_BY_CI in dict(report.user_properties):
        _skipped_required.append(report.nodeid)


def pytest_unconfigure(config) -> None:
    clockshift.stop()


def pytest_sessionfinish(session, exitstatus) -> None:
    run = getattr(session.config.option, "testrunuid", None)
    if run and not hasattr(session.config, "workerinput"):
        from tests.demo_snapshot import forget_the_runs_copies

        forget_the_runs_copies(run)
    if _skipped_required:
        session.exitstatus = 1
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                f"FAILED: {len(_skipped_required)} required test(s) were skipped: "
                + ", ".join(_skipped_required),
                red=True,
            )
