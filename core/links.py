"""Helpers for pages opened by a secret link (no account): token hashing, the visitor's IP and
the one page saying a link does not work. The links themselves are `core.secret_links`."""

import hashlib
import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

AnyResponse = TypeVar("AnyResponse", bound=HttpResponseBase)


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


@dataclass(frozen=True)
class LinkProblem:
    """Why a secret link does not work, in the words its visitor sees."""

    status: int  # 404 if we cannot tell what the link was, 410 if it worked once
    title: "_StrOrPromise"  # gettext_lazy's, as these are module constants
    explanation: "_StrOrPromise"


def link_problem_response(
    request: HttpRequest,
    problem: LinkProblem,
    *,
    provider: str = "",
    note: str = "",
    offer_sign_in: bool = False,
    **words: Any,
) -> HttpResponse:
    """The one "this link does not work" page, for every kind of secret link.

    A minimal layout (no navigation, nothing about the organisation beyond `provider`, its
    name, when the link is known). `words` fill `{placeholders}` in the explanation. The page
    is never cached or indexed and sends no referrer, so the token in its address goes nowhere.
    """
    context = {
        "title": problem.title,
        "explanation": problem.explanation.format(provider=provider, **words),
        "provider": provider,
        "note": note,
        "offer_sign_in": offer_sign_in,
    }
    response = render(request, "core/link_problem.html", context, status=problem.status)
    return protect_secret_response(response, referrer_policy="no-referrer")


def protect_secret_response(response: AnyResponse, *, referrer_policy: str) -> AnyResponse:
    """Headers for any response at a secret address: not cached, not indexed, no token leaks.

    `referrer_policy` is "no-referrer" unless the page has a form: then "strict-origin" (with
    "no-referrer" browsers send `Origin: null` and Django's CSRF origin check refuses the post).
    """
    response["Referrer-Policy"] = referrer_policy
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
