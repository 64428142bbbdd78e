"""What scripts/screenshots.py reads from the development database with Django: links that
carry tokens (invitations, password reset), memberships, and the 404 page as production serves
it. Django is set up only when the script asks (`django_ready`), so the other pages can be
captured without it.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_ready() -> bool:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
    # The ORM is called while Playwright's sync API has an event loop running.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        import django

        django.setup()
    except Exception as exc:  # any set-up problem only skips the pages that need tokens
        print(f"Django is not usable here ({exc}); skipping pages that need tokens.")
        return False
    return True


def invitation_path(email: str, org_slug: str) -> str | None:
    """Path of the open invitation's link (the host in SITE_URL may differ from BASE)."""
    from urllib.parse import urlsplit

    from tenancy.models import Invitation, InvitationState

    invitations = Invitation.unscoped.filter(
        email__iexact=email, organisation__slug=org_slug, accepted_at=None, revoked_at=None
    ).order_by("-created_at")
    for invitation in invitations:
        if invitation.state == InvitationState.PENDING:
            return urlsplit(invitation.accept_url()).path
    return None


def has_membership(email: str, org_slug: str) -> bool:
    from tenancy.models import Membership

    return Membership.unscoped.filter(
        user__email__iexact=email, organisation__slug=org_slug
    ).exists()


def password_reset_path(email: str) -> str:
    from allauth.account import app_settings
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    user = get_user_model().objects.get(email__iexact=email)
    token = app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    kwargs = {"uidb36": user_pk_to_url_str(user), "key": token}
    return reverse("account_reset_password_from_key", kwargs=kwargs)


def not_found_html(email: str, path: str, host: str) -> str:
    """The real 404 page as the user would get it in production (the dev server has DEBUG on)."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    client = Client(HTTP_HOST=host)
    client.force_login(get_user_model().objects.get(email__iexact=email))
    with override_settings(DEBUG=False):
        response = client.get(path)
    assert response.status_code == 404, response.status_code
    return response.content.decode()
