"""Read queries for tenancy pages. Tenant-owned lists take the organisation explicitly."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from core.queries import count_of
from tenancy.models import Invitation, Membership, Organisation, OrganisationUserObjectPermission
from tenancy.roles import TAKES_ON_WORK, Role, holder_label, roles_that_can


def assignable_members(*, organisation: Organisation) -> QuerySet[User]:
    """The people who can be given work in `organisation` (own an action, lead or answer part of a
    self-evaluation, keep evidence current, visit a subcontractor): its members whose accounts are
    active and whose role may update the work given to them (`tenancy.roles.TAKES_ON_WORK`), by
    name. The one definition; choice fields and service checks both use it.

    Filtered through the membership join (one join: organisation and role are the same row), so
    it is right inside or outside a tenant scope.
    """
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__role__in=roles_that_can(TAKES_ON_WORK),
        is_active=True,
    ).order_by("name", "email")


def not_assignable_message(organisation: Organisation) -> str:
    """What a person choice says when someone `assignable_members` would not offer is chosen."""
    labels = [holder_label(role).lower() for role in roles_that_can(TAKES_ON_WORK)]
    if len(labels) > 1:
        roles = gettext("%(roles)s or %(last)s") % {
            "roles": ", ".join(labels[:-1]),
            "last": labels[-1],
        }
    else:
        roles = labels[0]
    return gettext(
        "Choose an active member of %(organisation)s who can take on work (a %(roles)s)."
    ) % {
        "organisation": organisation,
        "roles": roles,
    }


def is_assignable(*, organisation: Organisation, user: User) -> bool:
    return assignable_members(organisation=organisation).filter(pk=user.pk).exists()


def organisations_with_an_account_manager() -> QuerySet[Organisation]:
    """Every provider some account manager looks after (for work done for all of them)."""
    looked_after = OrganisationUserObjectPermission.objects.filter(
        permission__codename="look_after_organisation"
    ).values("content_object_id")
    return Organisation.objects.filter(pk__in=looked_after)


def organisation_list_for_account_manager(*, user: User) -> QuerySet[Organisation]:
    """The providers assigned to this account manager, with what the portfolio shows."""
    looked_after = OrganisationUserObjectPermission.objects.filter(
        user=user, permission__codename="look_after_organisation"
    ).values("content_object_id")
    return with_set_up_figures(Organisation.objects.filter(pk__in=looked_after)).order_by("name")


def with_set_up_figures(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Each provider's members, quality managers and pending invitation, as annotations."""
    now = timezone.now()
    pending = Invitation.unscoped.filter(
        organisation=OuterRef("pk"), accepted_at=None, revoked_at=None, expires_at__gt=now
    )
    members = Membership.unscoped.filter(organisation=OuterRef("pk"))
    # Scalar subqueries, not a join with memberships: each count runs once per provider.
    return organisations.annotate(
        member_count=count_of(members),
        quality_manager_count=count_of(members.filter(role=Role.QUALITY_MANAGER)),
        has_pending_invitation=Exists(pending),
    )


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.for_organisation(organisation)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def invitation_list_open(*, organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.for_organisation(organisation)
        .filter(accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's own memberships across organisations (for the switcher)."""
    return (
        Membership.unscoped.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisations_reachable_by(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` can open today: as a member, or as their account manager.

    Anything kept about an organisation the person has left (their old notifications) is
    filtered through this, so access that ended shows nothing.
    """
    is_member = Membership.unscoped.filter(organisation=OuterRef("pk"), user=user)
    if not user.is_account_manager:
        return Organisation.objects.filter(Exists(is_member))
    looks_after = Q(
        organisationuserobjectpermission__user=user,
        organisationuserobjectpermission__permission__codename="look_after_organisation",
    )
    return Organisation.objects.filter(Q(Exists(is_member)) | looks_after).distinct()
