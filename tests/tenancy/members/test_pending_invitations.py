"""Re-sending and withdrawing pending invitations from the People page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tenancy.models import Invitation, InvitationState
from tests.factories import InvitationFactory
from tests.tenancy.helpers import local_path
from tests.tenancy.members.helpers import invitation_url, page_text, url

pytestmark = pytest.mark.django_db


def test_a_quality_manager_resends_an_invitation(
    qm_client, org, invitation, django_capture_on_commit_callbacks
):
    old_url = invitation.accept_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = qm_client.post(invitation_url("invitation_resend", invitation), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert "A new invitation email is on its way to pending@example.org." in page_text(response)
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert invitation.email_sent_at is not None
    assert len(mail.outbox) == 1
    assert invitation.accept_url() in mail.outbox[0].body
    assert old_url not in mail.outbox[0].body


def test_resending_extends_an_expired_invitation(qm_client, invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=2)
    )
    qm_client.post(invitation_url("invitation_resend", invitation))
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    almost_full_term = timedelta(days=settings.INVITATION_EXPIRY_DAYS) - timedelta(hours=1)
    assert invitation.expires_at > timezone.now() + almost_full_term


def test_a_quality_manager_withdraws_an_invitation(qm_client, org, invitation, client):
    response = qm_client.post(invitation_url("invitation_revoke", invitation), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert "The invitation for pending@example.org no longer works." in page_text(response)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert client.get(local_path(invitation.accept_url())).status_code == 410
    assert "pending@example.org" not in page_text(qm_client.get(url("member_list", org)))


def test_a_withdrawn_invitation_cannot_be_resent(
    qm_client, invitation, django_capture_on_commit_callbacks
):
    qm_client.post(invitation_url("invitation_revoke", invitation))
    with django_capture_on_commit_callbacks(execute=True):
        response = qm_client.post(invitation_url("invitation_resend", invitation), follow=True)

    assert "Only an invitation that has not been accepted or revoked" in page_text(response)
    invitation.refresh_from_db()
    assert invitation.send_count == 1
    assert mail.outbox == []


def test_an_accepted_invitation_cannot_be_withdrawn(qm_client, invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    response = qm_client.post(invitation_url("invitation_revoke", invitation), follow=True)
    assert "already been accepted" in page_text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_invitation_of_another_organisation_cannot_be_addressed(qm_client, org, other_org):
    theirs = InvitationFactory(organisation=other_org)
    for action in ("invitation_resend", "invitation_revoke"):
        wrong = url(action, org, invitation_code=theirs.code)
        assert qm_client.post(wrong).status_code == 404
    theirs.refresh_from_db()
    assert theirs.send_count == 1
    assert theirs.revoked_at is None
