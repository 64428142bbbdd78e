"""The daily reminder sweep.

Phase 1 (claim) decides who should hear about what, entirely inside the database: one
`INSERT ... SELECT ... ON CONFLICT (dedupe_key) DO NOTHING` per kind of reminder. The unique
`dedupe_key` (kind, object, date it reminds about, recipient) means a reminder exists at most
once however often the sweep runs, on however many workers at once, and date ranges rather than
exact days mean a sweep that was missed is caught up by the next one. Memory and query count do
not depend on the number of actions.

Phase 2 (send) streams the ids of unsent notifications and hands them to Celery in batches; each
email is sent only by whoever wins a conditional update on `email_claimed_at`.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from core.claims import claimable
from reminders.models import Kind, Notification

BATCH_SIZE = 500
SEND_WINDOW = timedelta(days=7)  # older unsent reminders are stale; don't email them late

_COLUMNS = (
    "organisation_id, created_at, updated_at, recipient_id, kind, action_id, evidence_id, "
    "due_date, dedupe_key, email_claimed_at, email_sent_at, email_skipped, read_at"
)


def _plus_days(date_param: str, days_sql: str) -> str:
    """SQL for `date_param + days_sql` days, on PostgreSQL or SQLite."""
    if connection.vendor == "postgresql":
        return f"(CAST({date_param} AS date) + ({days_sql}))"
    return f"date({date_param}, '+' || ({days_sql}) || ' days')"


def _minus_days(date_param: str, days_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"(CAST({date_param} AS date) - ({days_sql}))"
    return f"date({date_param}, '-' || ({days_sql}) || ' days')"


def _key(kind: str, *parts: str) -> str:
    return " || ':' || ".join([f"'{kind}'", *[f"CAST({p} AS TEXT)" for p in parts]])


def _action_reminder_sql(kind: str, recipient: str, join: str, condition: str) -> str:
    return f"""
        INSERT INTO reminders_notification ({_COLUMNS})
        SELECT a.organisation_id, %(now)s, %(now)s, {recipient}, '{kind}', a.id, NULL,
               a.due_date, {_key(kind, "a.id", "a.due_date", recipient)}, NULL, NULL, FALSE, NULL
        FROM actionplans_action a
        LEFT JOIN reminders_remindersettings s ON s.organisation_id = a.organisation_id
        {join}
        WHERE a.status <> 'done' AND {condition}
        ON CONFLICT (dedupe_key) DO NOTHING
    """


OWNER_IS_MEMBER = (
    "JOIN tenancy_membership m ON m.organisation_id = a.organisation_id AND m.user_id = a.owner_id"
)
SENIOR_LEADERS = (
    "JOIN tenancy_membership m ON m.organisation_id = a.organisation_id "
    "AND m.role = 'senior_leader'"
)


def _statements() -> list[tuple[Kind, str]]:
    today, tomorrow = "%(today)s", "%(tomorrow)s"
    due_soon_until = _plus_days(today, "COALESCE(s.due_soon_days, 7)")
    escalate_before = _minus_days(today, "COALESCE(s.escalation_days, 14)")
    evidence_until = _plus_days(today, "COALESCE(s.evidence_warning_days, 30)")
    risk_key = _key(Kind.RISK_REVIEW_DUE, "r.id", "r.next_review_date", "r.owner_id")
    document_key = _key(Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING, "d.id", "d.expires_on", "d.owner_id")
    return [
        (
            Kind.ACTION_DUE_SOON,
            _action_reminder_sql(
                Kind.ACTION_DUE_SOON,
                "a.owner_id",
                OWNER_IS_MEMBER,
                f"a.due_date > {tomorrow} AND a.due_date <= {due_soon_until}",
            ),
        ),
        (
            Kind.ACTION_DUE_TOMORROW,
            _action_reminder_sql(
                Kind.ACTION_DUE_TOMORROW, "a.owner_id", OWNER_IS_MEMBER, f"a.due_date = {tomorrow}"
            ),
        ),
        (
            Kind.ACTION_OVERDUE,
            _action_reminder_sql(
                Kind.ACTION_OVERDUE, "a.owner_id", OWNER_IS_MEMBER, f"a.due_date < {today}"
            ),
        ),
        (
            Kind.ACTION_ESCALATION,
            _action_reminder_sql(
                Kind.ACTION_ESCALATION,
                "m.user_id",
                SENIOR_LEADERS,
                f"a.due_date < {escalate_before}",
            ),
        ),
        (
            Kind.EVIDENCE_EXPIRING,
            f"""
            INSERT INTO reminders_notification ({_COLUMNS})
            SELECT e.organisation_id, %(now)s, %(now)s, e.owner_id, '{Kind.EVIDENCE_EXPIRING}',
                   NULL, e.id, e.valid_until,
                   {_key(Kind.EVIDENCE_EXPIRING, "e.id", "e.valid_until", "e.owner_id")},
                   NULL, NULL, FALSE, NULL
            FROM evidence_evidenceitem e
            LEFT JOIN reminders_remindersettings s ON s.organisation_id = e.organisation_id
            JOIN tenancy_membership m ON m.organisation_id = e.organisation_id
                AND m.user_id = e.owner_id
            WHERE e.archived_at IS NULL AND e.valid_until >= {today}
                AND e.valid_until <= {evidence_until}
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
        ),
        (
            Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING,
            f"""
            INSERT INTO reminders_notification ({_COLUMNS}, subcontractor_document_id)
            SELECT d.organisation_id, %(now)s, %(now)s, d.owner_id,
                   '{Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING}', NULL, NULL, d.expires_on,
                   {document_key}, NULL, NULL, FALSE, NULL, d.id
            FROM subcontractors_subcontractordocument d
            JOIN subcontractors_subcontractor c ON c.id = d.subcontractor_id
            LEFT JOIN reminders_remindersettings s ON s.organisation_id = d.organisation_id
            JOIN tenancy_membership m ON m.organisation_id = d.organisation_id
                AND m.user_id = d.owner_id
            WHERE d.archived_at IS NULL AND c.status <> 'ended' AND d.expires_on >= {today}
                AND d.expires_on <= {evidence_until}
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
        ),
        (
            # A risk's lead officer hears before its review date (as early as evidence owners
            # do), and once per review date: a review moves the date and so the key.
            Kind.RISK_REVIEW_DUE,
            f"""
            INSERT INTO reminders_notification ({_COLUMNS}, risk_id)
            SELECT r.organisation_id, %(now)s, %(now)s, r.owner_id, '{Kind.RISK_REVIEW_DUE}',
                   NULL, NULL, r.next_review_date, {risk_key}, NULL, NULL, FALSE, NULL, r.id
            FROM registers_risk r
            LEFT JOIN reminders_remindersettings s ON s.organisation_id = r.organisation_id
            JOIN tenancy_membership m ON m.organisation_id = r.organisation_id
                AND m.user_id = r.owner_id
            WHERE r.status = 'open' AND r.next_review_date <= {evidence_until}
                AND r.next_review_date >= {today}
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
        ),
        (
            Kind.WEEKLY_DIGEST,
            f"""
            INSERT INTO reminders_notification ({_COLUMNS})
            SELECT m.organisation_id, %(now)s, %(now)s, m.user_id, '{Kind.WEEKLY_DIGEST}',
                   NULL, NULL, %(week_start)s,
                   {_key(Kind.WEEKLY_DIGEST, "m.organisation_id", "%(week)s", "m.user_id")},
                   NULL, NULL, FALSE, NULL
            FROM tenancy_membership m
            LEFT JOIN reminders_remindersettings s ON s.organisation_id = m.organisation_id
            WHERE m.role = 'quality_manager' AND COALESCE(s.digest_weekday, 0) <= %(weekday)s
            ON CONFLICT (dedupe_key) DO NOTHING
            """,
        ),
    ]


@dataclass
class SweepResult:
    created: dict[str, int]
    enqueued: int


def claim_reminders(today: date, now: datetime | None = None) -> dict[str, int]:
    """Phase 1: create every reminder that is due and not yet created. Returns counts."""
    now = now or timezone.now()
    iso = today.isocalendar()
    ops = connection.ops
    params = {
        "now": ops.adapt_datetimefield_value(now),
        "today": ops.adapt_datefield_value(today),
        "tomorrow": ops.adapt_datefield_value(today + timedelta(days=1)),
        "weekday": today.weekday(),
        "week": f"{iso.year}-W{iso.week:02d}",
        "week_start": ops.adapt_datefield_value(today - timedelta(days=today.weekday())),
    }
    created = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for kind, sql in _statements():
            cursor.execute(sql, params)
            created[kind.value] = max(cursor.rowcount, 0)
    return created


def unsent_notification_ids(now: datetime):
    """Notifications whose email is still owed, streamed (bounded memory)."""
    return (
        Notification.unscoped.filter(
            email_sent_at=None, email_skipped=False, created_at__gte=now - SEND_WINDOW
        )
        .filter(claimable("email_claimed_at", now))
        .order_by("id")
        .values_list("id", flat=True)
        .iterator(chunk_size=2000)
    )


def run_sweep(today: date | None = None, enqueue=None) -> SweepResult:
    """Claim, then hand the unsent emails to `enqueue(ids)` in batches."""
    from reminders.tasks import send_notifications_task

    now = timezone.now()
    today = today or timezone.localdate()
    created = claim_reminders(today, now)
    enqueue = enqueue or (lambda ids: send_notifications_task.delay(ids))
    batch: list[int] = []
    enqueued = 0
    for notification_id in unsent_notification_ids(now):
        batch.append(notification_id)
        if len(batch) == BATCH_SIZE:
            enqueue(batch)
            enqueued += len(batch)
            batch = []
    if batch:
        enqueue(batch)
        enqueued += len(batch)
    return SweepResult(created=created, enqueued=enqueued)
