"""Sending reminder emails, each exactly once.

A worker may send a notification's email only after winning a conditional update of
`email_claimed_at` (unclaimed, or a claim older than the lease, i.e. a worker that died). Two
workers given the same ids, or a task retried after a crash, therefore never both send.
"""

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from actionplans.models import OPEN_STATUSES, Action
from core.claims import claim
from core.emails import send_templated_email
from reminders.handoff_messages import HANDOFF_RELATED, describe
from reminders.models import ESSENTIAL_KINDS, HANDOFF_KINDS, Kind, Notification
from tenancy.models import Membership, Organisation, OrganisationUserObjectPermission
from tenancy.scope import tenant_scope
from training.selectors import training_digest

logger = logging.getLogger(__name__)


def claim_email(notification: Notification) -> bool:
    unsent = Notification.objects.for_organisation(notification.organisation_id).filter(
        pk=notification.pk, email_sent_at=None, email_skipped=False
    )
    return claim(unsent, "email_claimed_at")


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _org_link(name: str, organisation: Organisation, **kwargs: Any) -> str:
    return _link(reverse(name, kwargs={"org_slug": organisation.slug, **kwargs}))


# What each kind of reminder is about, for its email. The notification's organisation is its
# subject's: no query for the organisation per email.


def _action_context(notification: Notification, today: date) -> dict:
    action = notification.action
    return {
        "action": action,
        "days_overdue": action.days_overdue(today),
        "link": _org_link("actionplans:detail", notification.organisation, action_code=action.code),
    }


def _evidence_context(notification: Notification, today: date) -> dict:
    evidence = notification.evidence
    return {
        "evidence": evidence,
        "link": _org_link(
            "evidence:detail", notification.organisation, evidence_code=evidence.code
        ),
    }


def _document_context(notification: Notification, today: date) -> dict:
    document = notification.subcontractor_document
    link = _org_link(
        "subcontractors:detail",
        notification.organisation,
        subcontractor_code=document.subcontractor.code,
    )
    return {
        "document": document,
        "subcontractor": document.subcontractor,
        "link": f"{link}#documents",
    }


def _risk_context(notification: Notification, today: date) -> dict:
    return {"risk": notification.risk, "link": _link(notification.risk.get_absolute_url())}


def _digest_context(notification: Notification, today: date) -> dict:
    open_actions = Action.objects.filter(status__in=OPEN_STATUSES)
    counts = open_actions.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due_this_week=Count(
            "pk", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=7))
        ),
    )
    overdue = open_actions.filter(due_date__lt=today).select_related("owner").order_by("due_date")
    return {
        "counts": counts,
        "overdue_actions": list(overdue[:10]),
        "link": _org_link("actionplans:index", notification.organisation),
    }


def _training_context(notification: Notification, today: date) -> dict:
    return {
        **training_digest(organisation=notification.organisation, today=today),
        "link": _org_link("training:overdue", notification.organisation),
    }


def _handoff_context(notification: Notification, today: date) -> dict:
    handoff = describe(notification)
    assert handoff is not None
    return {"handoff": handoff, "link": _link(handoff.path)}


# Digests and hand-offs by kind; otherwise the subject's foreign key -> its context, and a
# notification with neither is the weekly digest.
KIND_CONTEXTS: dict[str, Callable[[Notification, date], dict]] = {
    Kind.TRAINING_REFRESHERS: _training_context,
    **{kind: _handoff_context for kind in HANDOFF_KINDS},
}


def _pack_link_context(notification: Notification, today: date) -> dict:
    link = notification.pack_share_link
    assert link is not None
    return {
        "share": link,
        "link": _org_link(
            "reporting:pack_detail", notification.organisation, pack_code=link.pack.code
        ),
    }


SUBJECT_CONTEXTS = (
    ("pack_share_link_id", _pack_link_context),
    ("action_id", _action_context),
    ("evidence_id", _evidence_context),
    ("subcontractor_document_id", _document_context),
    ("risk_id", _risk_context),
)


def _context(notification: Notification) -> dict:
    subject = KIND_CONTEXTS.get(notification.kind) or next(
        (build for key, build in SUBJECT_CONTEXTS if getattr(notification, key)),
        _digest_context,
    )
    return {
        "notification": notification,
        "organisation": notification.organisation,
        "recipient": notification.recipient,
        **subject(notification, timezone.localdate()),
    }


TEMPLATE_FOR = {
    Kind.ACTION_DUE_SOON: "reminder-action",
    Kind.ACTION_DUE_TOMORROW: "reminder-action",
    Kind.ACTION_OVERDUE: "reminder-action",
    Kind.ACTION_ESCALATION: "reminder-escalation",
    Kind.EVIDENCE_EXPIRING: "reminder-evidence",
    Kind.SUBCONTRACTOR_DOCUMENT_EXPIRING: "reminder-subcontractor-document",
    Kind.RISK_REVIEW_DUE: "reminder-risk-review",
    Kind.WEEKLY_DIGEST: "reminder-digest",
    Kind.TRAINING_REFRESHERS: "reminder-training",
    Kind.PACK_LINK_OPENED: "notice-pack-link-opened",
    **{kind: "handoff" for kind in HANDOFF_KINDS},
}


def wants_email(notification: Notification) -> bool:
    """Essential kinds always; a hand-off unless its recipient turned that kind off; the
    sweep's other reminders unless they turned optional emails off."""
    kind, recipient = notification.kind, notification.recipient
    if kind in ESSENTIAL_KINDS:
        return True
    if kind in HANDOFF_KINDS:
        return recipient.wants_email(kind)
    return recipient.receives_optional_emails


def _recipient_still_has_access() -> Q:
    """Someone who left the organisation is not emailed its reminders any more."""
    # Each notification's own organisation (a batch may hold several tenants' notifications).
    member = Membership.unscoped.filter(
        organisation=OuterRef("organisation"), user=OuterRef("recipient")
    )
    looks_after = OrganisationUserObjectPermission.objects.filter(
        content_object=OuterRef("organisation"),
        user=OuterRef("recipient"),
        permission__codename="look_after_organisation",
    )
    return Q(Exists(member)) | Q(Exists(looks_after))


def deliver_notifications(notification_ids: list[int]) -> int:
    """Email each notification whose claim this worker wins, over one SMTP connection for the
    batch. Returns how many were sent."""
    with get_connection() as connection:
        return _deliver(notification_ids, connection)


def _deliver(notification_ids: list[int], connection) -> int:
    sent = 0
    notifications = (  # the sweep's batch, across tenants; each is sent in its own scope
        Notification.unscoped.filter(pk__in=notification_ids)
        .filter(_recipient_still_has_access())
        .select_related(
            "recipient",
            "organisation",
            "action__owner",
            "evidence",
            "subcontractor_document__subcontractor",
            "risk__organisation",
            "pack_share_link__pack",
            *HANDOFF_RELATED,
        )
        .order_by("pk")
    )
    for notification in notifications:
        with tenant_scope(notification.organisation_id):
            sent += _deliver_one(notification, connection)
    return sent


def _deliver_one(notification: Notification, connection) -> int:
    """Send one notification's email (inside its organisation's scope); 1 if it was sent."""
    recipient = notification.recipient
    this_one = Notification.objects.filter(pk=notification.pk)
    if not wants_email(notification):
        this_one.filter(email_sent_at=None).update(email_skipped=True)
        return 0
    if not recipient.is_active or not claim_email(notification):
        return 0
    # In the recipient's own language (User.language), whichever request or worker sends it.
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        send_templated_email(
            TEMPLATE_FOR[notification.kind],
            to=[recipient.email],
            context=_context(notification),
            connection=connection,
        )
    this_one.update(email_sent_at=timezone.now())
    return 1
