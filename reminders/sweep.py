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

from django.db import connection, models, transaction
from django.utils import timezone

from actionplans.models import Action, ActionStatus
from core.claims import claimable
from evidence.models import EvidenceItem
from registers.models import Risk, RiskStatus
from reminders.models import Kind, Notification, ReminderSettings
from subcontractors.models import Subcontractor, SubcontractorDocument, SubcontractorStatus
from tenancy.models import Membership
from tenancy.roles import Role
from training.models import Completion, Course, StaffMember
from training.status import DIGEST_AHEAD_DAYS

BATCH_SIZE = 500
SEND_WINDOW = timedelta(days=7)  # older unsent reminders are stale; don't email them late


@dataclass(frozen=True)
class _Table:
    """A model's table under an alias, and its columns by field name, for the SQL below. Read
    from the model's `_meta`, so renaming a model, field or column fails here, loudly."""

    model: type[models.Model]
    alias: str

    def __str__(self) -> str:
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"

    def __call__(self, field: str) -> str:
        return f"{self.alias}.{_column(self.model, field)}"


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{model.__name__}.{name} has no column"
    return connection.ops.quote_name(field.column)


# Named as their aliases in the SQL, so that a("status") reads as a.status.

a = _Table(Action, "a")
c = _Table(Subcontractor, "c")
d = _Table(SubcontractorDocument, "d")
e = _Table(EvidenceItem, "e")
m = _Table(Membership, "m")
r = _Table(Risk, "r")
s = _Table(ReminderSettings, "s")
tc = _Table(Completion, "tc")
tl = _Table(Completion, "tl")
tk = _Table(Course, "tk")
ts = _Table(StaffMember, "ts")

#: The notification fields every statement fills, in the order of its SELECT list.
_FIELDS = (
    "organisation",
    "created_at",
    "updated_at",
    "recipient",
    "kind",
    "action",
    "evidence",
    "due_date",
    "dedupe_key",
    "email_claimed_at",
    "email_sent_at",
    "email_skipped",
    "read_at",
)


def _insert(*also: str) -> str:
    """`INSERT INTO` the notifications table, naming `_FIELDS` and then `also`'s columns."""
    columns = ", ".join(_column(Notification, name) for name in (*_FIELDS, *also))
    return f"INSERT INTO {connection.ops.quote_name(Notification._meta.db_table)} ({columns})"


def _once() -> str:
    return f"ON CONFLICT ({_column(Notification, 'dedupe_key')}) DO NOTHING"


def _literal(value: models.TextChoices) -> str:
    """An enum's value as an SQL string literal (values are code, never user input)."""
    return "'" + str(value.value).replace("'", "''") + "'"


def _plus_days(date_param: str, days_sql: str) -> str:
    """SQL for `date_param + days_sql` days, on PostgreSQL or SQLite."""
    if connection.vendor == "postgresql":
        return f"(CAST({date_param} AS date) + ({days_sql}))"
    return f"date({date_param}, '+' || ({days_sql}) || ' days')"


def _minus_days(date_param: str, days_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"(CAST({date_param} AS date) - ({days_sql}))"
    return f"date({date_param}, '-' || ({days_sql}) || ' days')"


def _plus_months(date_sql: str, months_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST({date_sql} + make_interval(months => CAST({months_sql} AS integer)) AS date)"
    return f"date({date_sql}, '+' || ({months_sql}) || ' months')"


def _json_has(json_sql: str, value_sql: str) -> str:
    """SQL for "the JSON list `json_sql` holds `value_sql`"."""
    if connection.vendor == "postgresql":
        return f"jsonb_exists({json_sql}, {value_sql})"
    return f"EXISTS (SELECT 1 FROM json_each({json_sql}) WHERE json_each.value = {value_sql})"


def _key(kind: Kind, *parts: str) -> str:
    return " || ':' || ".join([_literal(kind), *[f"CAST({p} AS TEXT)" for p in parts]])


def _settings_of(table: _Table) -> str:
    """The organisation's reminder settings, if it has changed the defaults."""
    return f"LEFT JOIN {s} ON {s('organisation')} = {table('organisation')}"


def _owner_is_member(table: _Table) -> str:
    """Only owners who are still members hear about it."""
    return (
        f"JOIN {m} ON {m('organisation')} = {table('organisation')} "
        f"AND {m('user')} = {table('owner')}"
    )


TODAY, TOMORROW = "%(today)s", "%(tomorrow)s"


def _action_reminder_sql(kind: Kind, recipient: str, join: str, condition: str) -> str:
    return f"""
        {_insert()}
        SELECT {a("organisation")}, %(now)s, %(now)s, {recipient}, {_literal(kind)},
               {a("id")}, NULL, {a("due_date")}, {_key(kind, a("id"), a("due_date"), recipient)},
               NULL, NULL, FALSE, NULL
        FROM {a}
        {_settings_of(a)}
        {join}
        WHERE {a("status")} <> {_literal(ActionStatus.DONE)} AND {condition}
        {_once()}
    """


def _action_reminders() -> list[tuple[Kind, str]]:
    """Owners hear before, on the eve of and after the due date; senior leaders once it has
    been overdue for the organisation's escalation days."""
    due_soon_until = _plus_days(TODAY, f"COALESCE({s('due_soon_days')}, 7)")
    escalate_before = _minus_days(TODAY, f"COALESCE({s('escalation_days')}, 14)")
    senior_leaders = (
        f"JOIN {m} ON {m('organisation')} = {a('organisation')} "
        f"AND {m('role')} = {_literal(Role.SENIOR_LEADER)}"
    )
    due = a("due_date")
    to_owner = {
        Kind.ACTION_DUE_SOON: f"{due} > {TOMORROW} AND {due} <= {due_soon_until}",
        Kind.ACTION_DUE_TOMORROW: f"{due} = {TOMORROW}",
        Kind.ACTION_OVERDUE: f"{due} < {TODAY}",
    }
    return [
        *[
            (kind, _action_reminder_sql(kind, a("owner"), _owner_is_member(a), condition))
            for kind, condition in to_owner.items()
        ],
        (
            Kind.ACTION_ESCALATION,
            _action_reminder_sql(
                Kind.ACTION_ESCALATION, m("user"), senior_leaders, f"{due} < {escalate_before}"
            ),
        ),
    ]


def _warning_until() -> str:
    """How far ahead owners hear that evidence, a document or a risk review falls due."""
    return _plus_days(TODAY, f"COALESCE({s('evidence_warning_days')}, 30)")


def _evidence_expiring() -> str:
    kind = Kind.EVIDENCE_EXPIRING
    return f"""
        {_insert()}
        SELECT {e("organisation")}, %(now)s, %(now)s, {e("owner")}, {_literal(kind)},
               NULL, {e("id")}, {e("valid_until")},
               {_key(kind, e("id"), e("valid_until"), e("owner"))}, NULL, NULL, FALSE, NULL
        FROM {e}
        {_settings_of(e)}
        {_owner_is_member(e)}
        WHERE {e("archived_at")} IS NULL AND {e("valid_until")} >= {TODAY}
            AND {e("valid_until")} <= {_warning_until()}
        {_once()}
    """


def _subcontractor_document_expiring() -> str:
    kind = Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING
    return f"""
        {_insert("subcontractor_document")}
        SELECT {d("organisation")}, %(now)s, %(now)s, {d("owner")},
               {_literal(kind)}, NULL, NULL, {d("expires_on")},
               {_key(kind, d("id"), d("expires_on"), d("owner"))}, NULL, NULL, FALSE, NULL,
               {d("id")}
        FROM {d}
        JOIN {c} ON {c("id")} = {d("subcontractor")}
        {_settings_of(d)}
        {_owner_is_member(d)}
        WHERE {d("archived_at")} IS NULL AND {c("status")} <> {_literal(SubcontractorStatus.ENDED)}
            AND {d("expires_on")} >= {TODAY} AND {d("expires_on")} <= {_warning_until()}
        {_once()}
    """


def _risk_review_due() -> str:
    """A risk's lead officer hears before its review date (as early as evidence owners do), and
    once per review date: a review moves the date and so the key."""
    kind = Kind.RISK_REVIEW_DUE
    return f"""
        {_insert("risk")}
        SELECT {r("organisation")}, %(now)s, %(now)s, {r("owner")}, {_literal(kind)},
               NULL, NULL, {r("next_review_date")},
               {_key(kind, r("id"), r("next_review_date"), r("owner"))}, NULL, NULL, FALSE, NULL,
               {r("id")}
        FROM {r}
        {_settings_of(r)}
        {_owner_is_member(r)}
        WHERE {r("status")} = {_literal(RiskStatus.OPEN)}
            AND {r("next_review_date")} <= {_warning_until()}
            AND {r("next_review_date")} >= {TODAY}
        {_once()}
    """


def _weekly_digest() -> str:
    kind = Kind.WEEKLY_DIGEST
    return f"""
        {_insert()}
        SELECT {m("organisation")}, %(now)s, %(now)s, {m("user")}, {_literal(kind)},
               NULL, NULL, %(week_start)s,
               {_key(kind, m("organisation"), "%(week)s", m("user"))}, NULL, NULL, FALSE, NULL
        FROM {m}
        {_settings_of(m)}
        WHERE {m("role")} = {_literal(Role.QUALITY_MANAGER)}
            AND COALESCE({s("digest_weekday")}, 0) <= %(weekday)s
        {_once()}
    """


def _training_refreshers() -> str:
    """The Prevent lead (each quality manager) hears once a month, on the month's first sweep,
    when some refresher of a member of staff in post is overdue or falls due within
    `DIGEST_AHEAD_DAYS`: one digest per month, never one email per person. Each staff member's
    last completion of each course counts (no later one exists); the course must be in use and
    needed by their role group, as `training.status` decides."""
    kind = Kind.TRAINING_REFRESHERS
    due = _plus_months(tc("completed_on"), tk("refresh_months"))
    return f"""
        {_insert()}
        SELECT {m("organisation")}, %(now)s, %(now)s, {m("user")}, {_literal(kind)},
               NULL, NULL, %(month_start)s,
               {_key(kind, m("organisation"), "%(month)s", m("user"))}, NULL, NULL, FALSE, NULL
        FROM {m}
        WHERE {m("role")} = {_literal(Role.QUALITY_MANAGER)} AND EXISTS (
            SELECT 1 FROM {tc}
            JOIN {tk} ON {tk("id")} = {tc("course")}
            JOIN {ts} ON {ts("id")} = {tc("staff")}
            WHERE {tc("organisation")} = {m("organisation")}
                AND {tk("active")} AND {tk("refresh_months")} IS NOT NULL
                AND {_json_has(tk("role_groups"), ts("role_group"))}
                AND {ts("start_date")} <= {TODAY}
                AND ({ts("leaving_date")} IS NULL OR {ts("leaving_date")} >= {TODAY})
                AND NOT EXISTS (
                    SELECT 1 FROM {tl} WHERE {tl("staff")} = {tc("staff")}
                        AND {tl("course")} = {tc("course")}
                        AND {tl("completed_on")} > {tc("completed_on")}
                )
                AND {due} <= %(refreshers_until)s
        )
        {_once()}
    """


def _statements() -> list[tuple[Kind, str]]:
    return [
        *_action_reminders(),
        (Kind.EVIDENCE_EXPIRING, _evidence_expiring()),
        (Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING, _subcontractor_document_expiring()),
        (Kind.RISK_REVIEW_DUE, _risk_review_due()),
        (Kind.WEEKLY_DIGEST, _weekly_digest()),
        (Kind.TRAINING_REFRESHERS, _training_refreshers()),
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
        "month": f"{today.year}-{today.month:02d}",
        "month_start": ops.adapt_datefield_value(today.replace(day=1)),
        "refreshers_until": ops.adapt_datefield_value(today + timedelta(days=DIGEST_AHEAD_DAYS)),
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
