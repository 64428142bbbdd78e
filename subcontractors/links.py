"""Questionnaire links: minting a token, finding its link again, and logging every use.

The token is `secrets.token_urlsafe(32)` (256 random bits). Only its SHA-256 is stored, so
neither the database nor a backup can give a working link back; a lookup hashes what it is
given and asks for that hash. Guessing is hopeless at 256 bits, so no constant-time compare
is needed beyond the index lookup.
"""

import secrets

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from core.links import client_ip, hash_token
from subcontractors.models import (
    AccessAction,
    DueDiligenceReview,
    QuestionnaireAccess,
    QuestionnaireLink,
)

TOKEN_BYTES = 32
# token_urlsafe(32) gives 43 characters; anything far from that is not one of ours.
TOKEN_LENGTH_RANGE = range(40, 50)


def link_mint(*, review: DueDiligenceReview, purpose: str) -> tuple[QuestionnaireLink, str]:
    """A new link to `review`; returns it and the token, which is never stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = QuestionnaireLink(
        organisation_id=review.organisation_id,
        review=review,
        token_hash=hash_token(token),
        purpose=purpose,
    )
    link.save()
    return link, token


def link_for_token(token: str) -> QuestionnaireLink | None:
    """The link `token` opens, whatever its state, or None."""
    if len(token or "") not in TOKEN_LENGTH_RANGE:
        return None
    return (
        QuestionnaireLink.unscoped.select_related(
            "organisation", "review__subcontractor__owner", "review__sent_by"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )


def questionnaire_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('questionnaire', kwargs={'token': token})}"


def log_access(
    request: HttpRequest, link: QuestionnaireLink, action: AccessAction, detail: str = ""
) -> QuestionnaireAccess:
    now = timezone.now()
    access = QuestionnaireAccess.unscoped.create(
        organisation_id=link.organisation_id,
        link=link,
        review_id=link.review_id,
        action=action,
        detail=detail[:300],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    QuestionnaireLink.unscoped.filter(pk=link.pk).update(last_used_at=now)
    return access
