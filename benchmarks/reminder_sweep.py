"""The daily reminder sweep at scale: 100,000 open actions across 1,000 organisations.

Measures the claim phase (INSERT ... SELECT per kind of reminder) and the send phase's id
stream: wall time, number of SQL queries and peak Python memory, for a first sweep and a repeat
(which must create nothing). Usage: see benchmarks/README.md.
"""

import json
import os
import random
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/prevent_benchmark")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from actionplans.models import OPEN_STATUSES, Action, ActionStatus  # noqa: E402
from reminders.models import Notification  # noqa: E402
from reminders.sweep import claim_reminders, unsent_notification_ids  # noqa: E402
from tenancy.models import Membership, Organisation  # noqa: E402

ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", 1000))
ACTIONS_PER_ORGANISATION = int(os.environ.get("BENCH_ACTIONS_PER_ORGANISATION", 100))


def ensure_database() -> None:
    if connection.vendor == "postgresql":
        from django.db import connections

        settings = connections["default"].settings_dict
        import psycopg2

        admin = psycopg2.connect(
            host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres"
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
        admin.close()
    call_command("migrate", verbosity=0)


def build_data() -> None:
    if Organisation.objects.filter(slug__startswith="bench-").count() >= ORGANISATIONS:
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench Provider {n}",
            slug=f"bench-{n}",
            ukprn=f"1{n + 8000000:07d}",
            provider_type="itp",
            contact_name="Bench",
            contact_email=f"bench{n}@bench.example",
        )
        for n in range(ORGANISATIONS)
    )
    users = User.objects.bulk_create(
        User(email=f"{role}{n}@bench.example", password="!")  # noqa: S106 (unusable password)
        for n in range(ORGANISATIONS)
        for role in ("qm", "leader", "owner")
    )
    roles = ["quality_manager", "senior_leader", "contributor"]
    Membership.unscoped.bulk_create(
        Membership(organisation=organisations[i // 3], user=user, role=roles[i % 3])
        for i, user in enumerate(users)
    )
    batch = []
    for n, organisation in enumerate(organisations):
        owner = users[n * 3 + 2]
        for k in range(ACTIONS_PER_ORGANISATION):
            batch.append(
                Action(
                    organisation=organisation,
                    title=f"Action {k}",
                    owner=owner,
                    due_date=today + timedelta(days=rng.randint(-40, 40)),
                    status=rng.choice(
                        [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED]
                    ),
                )
            )
        if len(batch) >= 20_000:
            Action.unscoped.bulk_create(batch)
            batch = []
    Action.unscoped.bulk_create(batch)


def measure(label: str) -> dict:
    today = timezone.localdate()
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = claim_reminders(today)
        claimed_at = time.perf_counter()
        streamed = sum(1 for _ in unsent_notification_ids(timezone.now()))
        finished = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "run": label,
        "reminders_created": sum(created.values()),
        "by_kind": created,
        "claim_seconds": round(claimed_at - started, 2),
        "stream_seconds": round(finished - claimed_at, 2),
        "unsent_ids_streamed": streamed,
        "sql_queries": len(queries),
        "peak_python_memory_mb": round(peak / 1_000_000, 1),
    }


def main() -> None:
    ensure_database()
    Notification.unscoped.filter(organisation__slug__startswith="bench-").delete()
    build_data()
    open_actions = Action.unscoped.filter(
        organisation__slug__startswith="bench-",
        status__in=OPEN_STATUSES,
    ).count()
    results = {
        "database": connection.vendor,
        "organisations": ORGANISATIONS,
        "open_actions": open_actions,
        "runs": [measure("first sweep"), measure("repeat sweep")],
    }
    print(json.dumps(results, indent=2))
    out = ROOT / "benchmarks" / "results" / "reminder_sweep.json"
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
