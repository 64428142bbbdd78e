"""Walk Django's URL resolver and classify every pattern by who may reach it.

Used by the tenant-isolation and role-matrix tests, so views added later are covered without
anyone remembering to add them.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.base import RedirectView

from core.access import API, ORGANISATION, PUBLIC, TOKEN, USER, access_kind_of

# Third-party views, classified by the module that defines them. Anything else must declare its
# access with a decorator from core.access or tenancy.access.
THIRD_PARTY = {
    "allauth.": "allauth",
    "django.contrib.admin.": "admin",
    "django.contrib.staticfiles.": "static",
    "django.views.static": "static",
}

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "o/<slug:org_slug>/members/<uuid:member_code>/remove/"
    name: str
    view: Any
    kwargs: tuple[str, ...]

    @property
    def access_kind(self) -> str | None:
        kind = access_kind_of(self.view)
        if kind:
            return kind
        if self.name.startswith("admin:"):
            return "admin"  # every admin view is wrapped by AdminSite.admin_view (staff only)
        module = getattr(self.view, "__module__", "") or ""
        view_class = getattr(self.view, "view_class", None)
        if view_class is not None:
            module = view_class.__module__
        for prefix, kind in THIRD_PARTY.items():
            if module.startswith(prefix):
                return kind
        if view_class is RedirectView and self.route.startswith("accounts/"):
            return "allauth"  # allauth's own redirects from its old social-account addresses
        return None

    @property
    def allowed_methods(self) -> frozenset[str]:
        return getattr(self.view, "allowed_methods", frozenset({"GET", "POST"}))

    @property
    def names_an_object(self) -> bool:
        return "org_slug" in self.kwargs or any(k.endswith("_code") for k in self.kwargs)

    def url(self, values: dict[str, str]) -> str:
        def fill(match: re.Match) -> str:
            return str(values[match.group("name")])

        return "/" + _CONVERTER.sub(fill, self.route)


def _walk(patterns, prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            if route.startswith("^") or "(?P<" in route:
                # A regex route (only the admin and static serving use them here).
                kwargs = tuple(re.findall(r"\(\?P<(\w+)>", route))
            else:
                kwargs = tuple(m.group("name") for m in _CONVERTER.finditer(route))
            name = f"{namespace}{pattern.name or route}"
            yield Route(route=route, name=name, view=pattern.callback, kwargs=kwargs)


def all_routes(urlconf: str | None = None) -> list[Route]:
    return list(_walk(get_resolver(urlconf).url_patterns, "", ""))


def routes_of_kind(kind: str, urlconf: str | None = None) -> list[Route]:
    return [r for r in all_routes(urlconf) if r.access_kind == kind]


KNOWN_KINDS = {PUBLIC, USER, ORGANISATION, TOKEN, API, *THIRD_PARTY.values()}
