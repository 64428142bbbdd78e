"""Questionnaire links: minting a token, finding its link again, and logging every use.

The token, its hash and the lookup are `core.secret_links`' (the one definition for every secret
link); this module adds what is particular to the questionnaire: its purpose, its address and
what each use did.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from core.secret_links import new_token
from subcontractors.models import (
    AccessAction,
    DueDiligenceReview,
    QuestionnaireAccess,
    QuestionnaireLink,
)


def link_mint(*, review: DueDiligenceReview, purpose: str) -> tuple[QuestionnaireLink, str]:
    """A new link to `review`; returns it and the token, which is never stored."""
    token, token_hash = new_token()
    link = QuestionnaireLink(
        organisation_id=review.organisation_id,
        review=review,
        token_hash=token_hash,
        purpose=purpose,
    )
    link.save()
    return link, token


def link_for_token(token: str) -> QuestionnaireLink | None:
    """The link `token` opens, whatever its state, or None. Across tenants on purpose: the
    token is the credential, and the link says whose it is."""
    return QuestionnaireLink.unscoped.select_related(
        "organisation", "review__subcontractor__owner", "review__sent_by"
    ).for_token(token)


def questionnaire_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('questionnaire', kwargs={'token': token})}"


def log_access(
    request: HttpRequest, link: QuestionnaireLink, action: AccessAction, detail: str = ""
) -> QuestionnaireAccess:
    access = QuestionnaireAccess.objects.for_organisation(link.organisation_id).create(
        organisation_id=link.organisation_id,
        link=link,
        review_id=link.review_id,
        action=action,
        detail=detail[:300],
        **QuestionnaireAccess.visitor(request),
    )
    link.mark_used()
    return access
