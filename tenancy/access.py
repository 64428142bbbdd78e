"""The single access path to an organisation's pages.

`org_view` resolves the organisation from the URL, finds the user's membership (or account
manager assignment), answers 404 to everybody else, checks the role table, and runs the view
inside the organisation's tenant scope.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone

from core.access import ORGANISATION
from tenancy.models import (
    Membership,
    Organisation,
    OrganisationUserObjectPermission,
    SupportGrant,
    SupportPageView,
)
from tenancy.roles import (
    ACCOUNT_MANAGER,
    SUPPORT_ACCESS,
    Perm,
    holder_can,
    holder_label,
    holder_perms,
)
from tenancy.scope import tenant_scope


@dataclass(frozen=True)
class OrgAccess:
    organisation: Organisation
    membership: Membership | None
    holder: str  # a Role value, or ACCOUNT_MANAGER
    designations: frozenset[str] = frozenset()
    # An account manager's live support grant, checked when the request came in: it adds
    # SUPPORT_ACCESS's permissions, and every page opened under it is logged.
    support_grant: SupportGrant | None = None

    def _granted(self) -> frozenset[Perm]:
        if self.support_grant is None:
            return frozenset()
        return SUPPORT_ACCESS.get(self.holder, frozenset())

    def can(self, perm: Perm | str) -> bool:
        return holder_can(self.holder, Perm(perm), self.designations) or (
            Perm(perm) in self._granted()
        )

    @property
    def perms(self) -> frozenset[str]:
        held = holder_perms(self.holder, self.designations) | self._granted()
        return frozenset(str(p) for p in held)

    @property
    def holder_label(self) -> str:
        return holder_label(self.holder)


def account_manager_can_look_after(user: Any, organisation: Organisation) -> bool:
    # Asked of the guardian table directly: `user.has_perm` is always True for superusers, and
    # being a platform admin must not make someone an account manager of every provider.
    return bool(user.is_account_manager) and (
        OrganisationUserObjectPermission.objects.filter(
            user=user,
            content_object=organisation,
            permission__codename="look_after_organisation",
        ).exists()
    )


def live_support_grant(user: Any, organisation: Organisation) -> SupportGrant | None:
    """The account manager's grant that has not ended or run out, now (no job ends it)."""
    return (
        SupportGrant.objects.for_organisation(organisation)
        .filter(account_manager=user, ended_at=None, ends_at__gt=timezone.now())
        .order_by("-ends_at")
        .first()
    )


def log_support_view(request: HttpRequest, access: OrgAccess) -> None:
    """Record a page an account manager opened under a support grant (shown to the provider)."""
    grant = access.support_grant
    if grant is None:
        return
    match = request.resolver_match
    SupportPageView.objects.for_organisation(access.organisation).create(
        organisation=access.organisation,
        grant=grant,
        path=request.path[:400],
        url_name=(match.view_name if match else "")[:120],
    )


def resolve_access(user: Any, org_slug: str) -> OrgAccess | None:
    # Slugs are unique: unordered, so nothing to sort (this runs on every organisation page).
    organisation = next(iter(Organisation.objects.filter(slug=org_slug).order_by()[:1]), None)
    if organisation is None or not user.is_active:
        return None
    if account_manager_can_look_after(user, organisation):
        # The assignment decides, never a membership the account manager might also hold.
        return OrgAccess(
            organisation,
            None,
            ACCOUNT_MANAGER,
            support_grant=live_support_grant(user, organisation),
        )
    # One membership per person and organisation: unordered, so no joins to sort by either.
    found = Membership.objects.for_organisation(organisation).filter(user=user).order_by()[:1]
    membership = next(iter(found), None)
    if membership is not None:
        membership.user = user  # the person asking, already loaded
        return OrgAccess(organisation, membership, membership.role, membership.designations)
    return None


def org_view(
    perm: Perm, methods: Sequence[str] = ("GET",), object_rule: str = ""
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view `view(request, access, **kwargs)` served under /o/<org_slug>/.

    `object_rule` names a further per-object check the view makes itself (for example
    "assigned criteria only"); the role-matrix test then allows a 403 for holders of `perm`
    who lack the wider permission, and the rule has tests of its own.
    """
    allowed = {m.upper() for m in methods}
    if "GET" in allowed:
        allowed.add("HEAD")

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, org_slug: str, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = resolve_access(request.user, org_slug)
            if access is None:
                raise Http404("No such organisation.")
            if request.method not in allowed:
                return HttpResponseNotAllowed(sorted(allowed))
            if not access.can(perm):
                raise PermissionDenied
            request.org_access = access  # type: ignore[attr-defined]
            log_support_view(request, access)
            with tenant_scope(access.organisation):
                return view(request, access, **kwargs)

        wrapper.access_kind = ORGANISATION  # type: ignore[attr-defined]
        wrapper.required_permission = perm  # type: ignore[attr-defined]
        wrapper.allowed_methods = frozenset(allowed)  # type: ignore[attr-defined]
        wrapper.object_rule = object_rule  # type: ignore[attr-defined]
        return wrapper

    return decorator
