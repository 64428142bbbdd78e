"""Helpers for pages opened by a secret link (no account): token hashing and the visitor's IP."""

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def hash_token(token: str) -> str:
    """Only this is stored: a database leak does not reveal working links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address: from X-Forwarded-For only behind the configured proxies."""
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or 0
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
