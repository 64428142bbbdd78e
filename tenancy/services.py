"""Changes to organisations, memberships and invitations. Views and tasks call these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from guardian.shortcuts import assign_perm

from accounts.models import User
from core.emails import send_templated_email
from core.languages import known_language
from core.tasks_util import enqueue_on_commit
from tenancy.access import account_manager_can_look_after
from tenancy.models import Invitation, InvitationState, Membership, Organisation
from tenancy.roles import DESIGNATION_ROLES, Designation, Role, holder_label, role_description
from tenancy.scope import tenant_scope
from tenancy.selectors import is_assignable, not_assignable_message

UKPRN_TAKEN = gettext_lazy("A provider with this UKPRN is already onboarded.")
INVITATION_WAITING = gettext_lazy(
    "%(email)s already has an invitation waiting; re-send it from the list."
)
INVITATION_USED = gettext_lazy(
    "This invitation has already been used to create an account. If that was you, sign in."
)
ACCOUNT_EXISTS = gettext_lazy("An account with this email address already exists. Sign in to join.")


def require_assignable(
    *, organisation: Organisation, user: User | None, field: str | None = "owner"
) -> None:
    """Refuse to give work to anyone `assignable_members` would not offer; `None` (nobody) passes.

    The error is on `field`, or on the whole form when `field` is None.
    """
    if user is not None and not is_assignable(organisation=organisation, user=user):
        message = not_assignable_message(organisation)
        raise ValidationError({field: message} if field else message)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "provider"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def organisation_assign_account_manager(*, organisation: Organisation, user: User) -> None:
    if not user.is_account_manager:
        raise ValidationError(gettext("%(name)s is not an account manager.") % {"name": user})
    if Membership.objects.for_organisation(organisation).filter(user=user).exists():
        raise ValidationError(
            gettext(
                "%(name)s is a member of %(organisation)s; an account manager cannot look "
                "after a provider they belong to. Remove the membership first."
            )
            % {"name": user, "organisation": organisation}
        )
    assign_perm("tenancy.look_after_organisation", user, organisation)


def organisation_require_mfa(*, organisation: Organisation, required: bool) -> None:
    organisation.require_mfa = required
    organisation.save(update_fields=["require_mfa", "updated_at"])


@transaction.atomic
def organisation_onboard(
    *,
    account_manager: User,
    name: str,
    ukprn: str,
    provider_type: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    quality_manager_email: str,
) -> tuple[Organisation, Invitation]:
    organisation = Organisation(
        name=name,
        ukprn=ukprn,
        provider_type=provider_type,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        onboarded_by=account_manager,
    )
    _organisation_insert(organisation)
    organisation_assign_account_manager(organisation=organisation, user=account_manager)
    with tenant_scope(organisation):
        invitation = invitation_create(
            organisation=organisation,
            email=quality_manager_email,
            role=Role.QUALITY_MANAGER,
            by=account_manager,
        )
    return organisation, invitation


def _organisation_insert(organisation: Organisation, attempts: int = 3) -> None:
    """Save a new organisation; the database decides between two onboardings at once."""
    if Organisation.objects.filter(ukprn=organisation.ukprn).exists():
        raise ValidationError({"ukprn": UKPRN_TAKEN})
    organisation.full_clean(exclude=["slug"], validate_unique=False)
    for _ in range(attempts):
        organisation.slug = _unique_slug(organisation.name)
        try:
            with transaction.atomic():
                organisation.save()
            return
        except IntegrityError:
            # The other onboarding has committed by now, so either check sees it.
            if Organisation.objects.filter(ukprn=organisation.ukprn).exists():
                raise ValidationError({"ukprn": UKPRN_TAKEN}) from None
            # Otherwise its name gave the same slug: take the next free one.
    raise ValidationError(
        gettext("Several providers with this name were onboarded at once; try again.")
    )


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    by: User | None,
    language: str | None = None,
) -> Invitation:
    """Invite `email` with `role`; the email is in `language` (by default the inviter's own)."""
    email = email.strip().lower()
    _refuse_invitee(organisation=organisation, email=email, by=by)
    open_invitation = (
        Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None)
        .select_for_update()
        .first()
    )
    if open_invitation is not None:
        if open_invitation.state == InvitationState.PENDING:
            raise ValidationError({"email": INVITATION_WAITING % {"email": email}})
        # An expired invitation is superseded by the new one.
        open_invitation.revoked_at = timezone.now()
        open_invitation.save(update_fields=["revoked_at", "updated_at"])
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=Role(role),
        invited_by=by,
        language=language or _invitation_language(by),
    )
    invitation.full_clean(validate_constraints=False)  # the database arbitrates a race
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same email invited by someone else a moment ago
        raise ValidationError({"email": INVITATION_WAITING % {"email": email}}) from None
    _enqueue_invitation_email(invitation)
    return invitation


def _invitation_language(by: User | None) -> str:
    """The inviter's own language, or the site's default when nobody (or nobody known) invites."""
    return known_language(by.language if by is not None else None)


def _refuse_invitee(*, organisation: Organisation, email: str, by: User | None) -> None:
    if by is not None and by.email.strip().lower() == email:
        raise ValidationError(
            {
                "email": gettext(
                    "You cannot invite yourself. Ask a colleague to invite you if you need "
                    "another role."
                )
            }
        )
    if Membership.objects.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": gettext("%(email)s is already a member of %(organisation)s.")
                % {"email": email, "organisation": organisation}
            }
        )
    invitee = User.objects.filter(email__iexact=email).first()
    if invitee is not None and account_manager_can_look_after(invitee, organisation):
        raise ValidationError({"email": ACCOUNT_MANAGER_MEMBER_MESSAGE % {"email": email}})


ACCOUNT_MANAGER_MEMBER_MESSAGE = gettext_lazy(
    "%(email)s is this provider's account manager and reaches it through that assignment; an "
    "account manager cannot also be a member of a provider they look after."
)


def _enqueue_invitation_email(invitation: Invitation) -> None:
    from tenancy.tasks import send_invitation_email_task

    enqueue_on_commit(send_invitation_email_task, invitation.pk, invitation.send_count)


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            gettext("Only an invitation that has not been accepted or revoked can be re-sent.")
        )
    invitation.send_count += 1
    invitation.expires_at = Invitation._meta.get_field("expires_at").get_default()
    invitation.email_sent_at = None
    invitation.save(update_fields=["send_count", "expires_at", "email_sent_at", "updated_at"])
    _enqueue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at:
        raise ValidationError(gettext("This invitation has already been accepted."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


def invitation_send_email(*, invitation_id: int, send_count: int) -> bool:
    """Send the invitation email; returns False when this send is no longer wanted."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.send_count != send_count:
        return False  # superseded by a re-send, or deleted
    if invitation.state != InvitationState.PENDING or invitation.email_sent_at:
        return False  # accepted, revoked, expired, or this send already happened
    # In the language the inviter chose: the invitee has no account, so no language of their own.
    with translation.override(known_language(invitation.language)):
        send_templated_email(
            "invitation",
            to=[invitation.email],
            context={
                "invitation": invitation,
                "organisation": invitation.organisation,
                "role_label": holder_label(invitation.role),
                "role_description": role_description(invitation.role),
                "accept_url": invitation.accept_url(),
            },
        )
    invitation.email_sent_at = timezone.now()
    invitation.save(update_fields=["email_sent_at", "updated_at"])
    return True


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Turn a pending invitation into a membership for `user` (whose email must match)."""
    invitation = (
        Invitation.objects.for_organisation(invitation.organisation_id)
        .select_for_update()
        .get(pk=invitation.pk)
    )
    if invitation.state != InvitationState.PENDING:
        raise ValidationError(gettext("This invitation can no longer be used."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            gettext("This invitation is for %(invited)s; you are signed in as %(email)s.")
            % {"invited": invitation.email, "email": user.email}
        )
    if account_manager_can_look_after(user, invitation.organisation):
        raise ValidationError(ACCOUNT_MANAGER_MEMBER_MESSAGE % {"email": user.email})
    membership, _ = Membership.objects.for_organisation(invitation.organisation_id).get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"role": invitation.role, "invited_by": invitation.invited_by},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


@transaction.atomic
def user_create_from_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the account an invitation is for; the link proved the email address."""
    from allauth.account.models import EmailAddress

    # Locked first, so a second sign-up through the same link waits, then sees it used.
    invitation = (
        Invitation.objects.for_organisation(invitation.organisation_id)
        .select_for_update()
        .get(pk=invitation.pk)
    )
    if invitation.state == InvitationState.ACCEPTED:
        raise ValidationError(INVITATION_USED)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                name=name,
                language=invitation.language or settings.LANGUAGE_CODE,
            )
    except IntegrityError:  # an account for this address was made another way meanwhile
        raise ValidationError(ACCOUNT_EXISTS) from None
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(invitation=invitation, user=user)
    return user


def _is_last_quality_manager(membership: Membership) -> bool:
    """Lock the organisation's quality managers and `membership` in one order (by id), so two
    managers changing each other queue instead of deadlocking; True if it is the last one.

    `membership.role` is refreshed from the locked row: a change just committed counts.
    """
    locked = list(
        Membership.objects.for_organisation(membership.organisation_id)
        .select_for_update()
        .filter(Q(role=Role.QUALITY_MANAGER) | Q(pk=membership.pk))
        .order_by("pk")
    )
    current = next((m for m in locked if m.pk == membership.pk), None)
    if current is None:
        raise ValidationError(
            gettext("%(name)s is no longer a member.") % {"name": membership.user}
        )
    membership.role = current.role
    membership.is_safeguarding_lead = current.is_safeguarding_lead
    others = [m for m in locked if m.pk != membership.pk]
    return membership.role == Role.QUALITY_MANAGER and not others


def organisation_record_subcontracting(*, organisation: Organisation) -> None:
    """A subcontractor was added to the register, so the profile says the organisation
    subcontracts delivery (the subcontractor benchmarks then apply to new self-evaluations)."""
    if organisation.subcontracts_delivery is not True:
        organisation.subcontracts_delivery = True
        organisation.save(update_fields=["subcontracts_delivery", "updated_at"])


LAST_QM_MESSAGE = gettext_lazy(
    "%(name)s is the only quality manager. Make someone else a quality manager first, "
    "so the organisation always has one."
)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    role = Role(role)
    if role != Role.QUALITY_MANAGER and _is_last_quality_manager(membership):
        raise ValidationError(LAST_QM_MESSAGE % {"name": membership.user})
    if membership.role != role:
        membership.role = role
        fields = ["role", "updated_at"]
        if not _may_be_safeguarding_lead(membership):
            membership.is_safeguarding_lead = False
            fields.append("is_safeguarding_lead")
        membership.save(update_fields=fields)
    return membership


def _may_be_safeguarding_lead(membership: Membership) -> bool:
    return membership.role in DESIGNATION_ROLES[Designation.SAFEGUARDING_LEAD]


SAFEGUARDING_LEAD_ROLES_MESSAGE = gettext_lazy(
    "%(name)s is a %(role)s. The designated safeguarding lead must be a quality manager or a "
    "senior leader: change their role first."
)


@transaction.atomic
def membership_set_safeguarding_lead(*, membership: Membership, designated: bool) -> Membership:
    """Give or take the designated safeguarding lead designation (deputies hold it too)."""
    membership = (
        Membership.objects.for_organisation(membership.organisation_id)
        .select_for_update()
        .select_related("user")
        .get(pk=membership.pk)
    )
    if designated and not _may_be_safeguarding_lead(membership):
        raise ValidationError(
            SAFEGUARDING_LEAD_ROLES_MESSAGE
            % {"name": membership.user, "role": holder_label(membership.role).lower()}
        )
    if membership.is_safeguarding_lead != designated:
        membership.is_safeguarding_lead = designated
        membership.save(update_fields=["is_safeguarding_lead", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if _is_last_quality_manager(membership):
        raise ValidationError(LAST_QM_MESSAGE % {"name": membership.user})
    membership.delete()
