"""Sending questionnaire emails, each exactly once.

A worker sends a `QuestionnaireEmail` only after winning a conditional update of `claimed_at`
(unclaimed, or a claim older than the lease, i.e. a worker that died). It mints the link's token
as it sends, so the token is never stored and never travels through the broker. If the mail
server refuses, the new link is revoked and the claim released, so the next run sends it.

The send task is defined here, beside the code it runs, so the review services can enqueue it
without importing the daily cycle (which imports them).
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from core.claims import claim, claimable
from core.emails import send_templated_email
from core.languages import known_language
from subcontractors.links import link_mint, questionnaire_url
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    EmailKind,
    QuestionnaireEmail,
    QuestionnaireLink,
)
from tenancy.scope import tenant_scope

logger = logging.getLogger(__name__)

SEND_WINDOW = timedelta(days=7)  # older unsent emails are stale; never send them late


def claim_questionnaire_email(email_id: int) -> bool:
    # By id from the broker, before the email's organisation is known.
    unsent = QuestionnaireEmail.unscoped.filter(pk=email_id, sent_at=None, skipped=False)
    return claim(unsent, "claimed_at")


def unsent_email_ids(now=None) -> list[int]:
    """Every organisation's unsent emails (the daily cycle hands them to workers)."""
    now = now or timezone.now()
    return list(
        QuestionnaireEmail.unscoped.filter(
            sent_at=None, skipped=False, created_at__gte=now - SEND_WINDOW
        )
        .filter(claimable("claimed_at", now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _emails(email: QuestionnaireEmail):
    return QuestionnaireEmail.objects.for_organisation(email.organisation_id)


def _send(email: QuestionnaireEmail) -> bool:
    review = email.review
    subcontractor = review.subcontractor
    if review.status not in AWAITING_SUBCONTRACTOR or subcontractor.is_ended:
        # Submitted (or ended) since it was queued: a chaser or link is no longer wanted.
        _emails(email).filter(pk=email.pk).update(skipped=True)
        return False
    link, token = link_mint(review=review, purpose=email.kind)
    try:
        _send_in_language(
            review.language or settings.LANGUAGE_CODE,
            "subcontractor-questionnaire",
            to=[email.to_email],
            context={
                "email": email,
                "kind": email.kind,
                "review": review,
                "subcontractor": subcontractor,
                "organisation": review.organisation,
                "contact": subcontractor.owner or review.sent_by,
                "link": questionnaire_url(token),
                "expires_at": link.expires_at,
                "is_chaser": email.kind == EmailKind.CHASER,
                "is_return": email.kind == EmailKind.RETURNED,
            },
        )
    except Exception:
        now = timezone.now()
        QuestionnaireLink.objects.for_organisation(email.organisation_id).filter(pk=link.pk).update(
            revoked_at=now
        )
        _emails(email).filter(pk=email.pk).update(claimed_at=None)
        logger.exception("Could not send questionnaire email %s; it will be retried", email.pk)
        return False
    _emails(email).filter(pk=email.pk).update(sent_at=timezone.now(), link=link)
    return True


def _send_in_language(language: str, *args, **kwargs) -> None:
    """The subcontractor has no account: the email is in the language the sender chose."""
    with translation.override(known_language(language)):
        send_templated_email(*args, **kwargs)


def deliver_questionnaire_emails(email_ids: list[int]) -> int:
    """Send each email whose claim this worker wins. Returns how many were sent."""
    sent = 0
    for email_id in email_ids:
        if not claim_questionnaire_email(email_id):
            continue
        # The claim was won by id; the email's organisation is known only once it is read.
        email = (
            QuestionnaireEmail.unscoped.select_related(
                "review__subcontractor__owner",
                "review__organisation",
                "review__sent_by",
            )
            .filter(pk=email_id)
            .first()
        )
        if email is None:
            continue
        with tenant_scope(email.organisation_id):
            sent += _send(email)
    return sent


@shared_task(acks_late=True)
def send_questionnaire_emails_task(email_ids: list[int]) -> int:
    """Send these questionnaire emails; each re-enters its organisation's tenant scope."""
    return deliver_questionnaire_emails(email_ids)
