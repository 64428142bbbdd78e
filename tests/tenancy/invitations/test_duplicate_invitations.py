"""Refusing duplicate invitations on the People page (a pending email, an existing member),
and the cases that are not duplicates."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Invitation, InvitationState, Membership
from tenancy.roles import Role
from tests.factories import InvitationFactory, MembershipFactory
from tests.tenancy.helpers import field_error_html
from tests.tenancy.invitations.helpers import accept_path, assert_problem

pytestmark = pytest.mark.django_db


def invite(client, org, email: str, role: str = Role.CONTRIBUTOR):
    return client.post(
        reverse("tenancy:member_invite", kwargs={"org_slug": org.slug}),
        {"email": email, "role": role},
    )


def test_a_second_invitation_to_a_pending_email_is_refused(
    client_for, inviter, invitation, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, "Sam.Patel@example.org")

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert "already has an invitation waiting" in form.errors["email"][0]
    assert "already has an invitation waiting" in field_error_html(response, "email")
    assert 'value="Sam.Patel@example.org"' in response.content.decode()
    assert Invitation.unscoped.filter(organisation=org).count() == 1
    assert mail.outbox == []


def test_inviting_an_existing_member_is_refused(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organisation=org, role=Role.VIEWER).user
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, colleague.email.upper())

    assert response.status_code == 400
    assert "already a member" in response.context["invite_form"].errors["email"][0]
    assert "already a member" in field_error_html(response, "email")
    assert not Invitation.unscoped.filter(organisation=org).exists()
    assert mail.outbox == []


def test_a_member_of_another_organisation_can_be_invited(
    client_for, inviter, org, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, outsider.email)
    assert response.status_code == 302
    assert Invitation.unscoped.filter(organisation=org, email=outsider.email).exists()
    assert len(mail.outbox) == 1


def test_a_pending_invitation_elsewhere_does_not_block_an_invitation(
    client_for, inviter, org, other_org
):
    InvitationFactory(organisation=other_org, email="shared@example.org")
    response = invite(client_for(inviter), org, "shared@example.org")
    assert response.status_code == 302
    assert Invitation.unscoped.filter(email="shared@example.org").count() == 2


def test_an_expired_invitation_is_replaced_by_a_new_one(
    client, client_for, inviter, invitation, org
):
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    response = invite(client_for(inviter), org, invitation.email, Role.VIEWER)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    new = Invitation.unscoped.get(organisation=org, email=invitation.email, revoked_at=None)
    assert new.role == Role.VIEWER
    assert client.get(accept_path(new)).status_code == 200
    assert_problem(client.get(accept_path(invitation)), 410, "withdrawn")


def test_a_removed_member_can_be_invited_back(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    former = MembershipFactory(organisation=org, role=Role.CONTRIBUTOR)
    old = InvitationFactory(organisation=org, email=former.user.email, accepted_at=timezone.now())
    qm = client_for(inviter)
    qm.post(
        reverse("tenancy:member_remove", kwargs={"org_slug": org.slug, "member_code": former.code})
    )
    assert not Membership.unscoped.filter(pk=former.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert invite(qm, org, former.user.email, Role.VIEWER).status_code == 302
    new = Invitation.unscoped.exclude(pk=old.pk).get(organisation=org, email=former.user.email)
    response = client_for(former.user).post(accept_path(new))

    assert response.status_code == 302
    assert Membership.unscoped.get(organisation=org, user=former.user).role == Role.VIEWER
    assert len(mail.outbox) == 1
