import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy


class AccountAdapter(DefaultAccountAdapter):
    # allauth has no Welsh catalogue: the sign-in page's own messages are in ours (same English).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": gettext_lazy("This account is currently inactive."),
        "email_password_mismatch": gettext_lazy(
            "The email address and/or password you specified are not correct."
        ),
        "too_many_login_attempts": gettext_lazy("Too many failed login attempts. Try again later."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created only by accepting an invitation (tenancy.views.invitation_accept).
        return False


def _fernet() -> Fernet:
    key = settings.MFA_ENCRYPTION_KEY
    if not key:
        digest = hashlib.sha256(f"mfa-secrets:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


class MFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets encrypted; allauth's default keeps them in clear text."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()
