"""Client secrets of identity providers, encrypted at rest (Fernet).

The key is SSO_ENCRYPTION_KEY, or derived from SECRET_KEY when that is not set (as the two-factor
secrets are, accounts.adapters). Rotating SECRET_KEY without setting SSO_ENCRYPTION_KEY means
each organisation's quality manager enters its secret again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = settings.SSO_ENCRYPTION_KEY
    if not key:
        digest = hashlib.sha256(f"sso-secrets:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


def encrypt_secret(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt_secret(encrypted: str) -> str:
    """The secret, or "" when there is none or the key has changed since it was saved."""
    if not encrypted:
        return ""
    try:
        return _fernet().decrypt(encrypted.encode()).decode()
    except InvalidToken:
        return ""
