"""The invitation email goes out exactly once per send, and never for a dead invitation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tenancy.models import Invitation
from tenancy.roles import Role
from tenancy.scope import current_organisation_id, tenant_scope
from tenancy.services import invitation_resend
from tenancy.tasks import send_invitation_email_task
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(org):
    inviter = MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user
    return InvitationFactory(
        organisation=org,
        email="new.colleague@example.org",
        role=Role.CONTRIBUTOR,
        invited_by=inviter,
    )


def run(invitation: Invitation, send_count: int | None = None) -> bool:
    count = invitation.send_count if send_count is None else send_count
    return send_invitation_email_task(invitation.pk, count)


def test_it_sends_the_invitation(invitation, org):
    assert run(invitation) is True

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.colleague@example.org"]
    assert org.name in message.subject
    assert invitation.accept_url() in message.body
    assert invitation.accept_url() in message.alternatives[0][0]
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None


def test_it_sends_exactly_once_for_the_same_send(invitation):
    assert run(invitation) is True
    sent_at = Invitation.unscoped.get(pk=invitation.pk).email_sent_at

    assert run(invitation) is False
    assert run(invitation) is False

    assert len(mail.outbox) == 1
    assert Invitation.unscoped.get(pk=invitation.pk).email_sent_at == sent_at


def test_a_stale_send_count_sends_nothing(invitation):
    first = invitation.send_count
    with tenant_scope(invitation.organisation):
        invitation_resend(invitation=invitation)  # its own email is queued on commit, not run

    assert run(invitation, send_count=first) is False
    assert mail.outbox == []
    assert Invitation.unscoped.get(pk=invitation.pk).email_sent_at is None


def test_the_current_send_still_goes_after_a_stale_one(invitation):
    first = invitation.send_count
    with tenant_scope(invitation.organisation):
        invitation_resend(invitation=invitation)
    run(invitation, send_count=first)

    assert run(invitation, send_count=invitation.send_count) is True
    assert len(mail.outbox) == 1
    invitation.refresh_from_db()
    assert invitation.accept_url() in mail.outbox[0].body


def test_a_stale_send_arriving_after_the_current_one_sends_nothing(invitation):
    first = invitation.send_count
    with tenant_scope(invitation.organisation):
        invitation_resend(invitation=invitation)
    assert run(invitation, send_count=invitation.send_count) is True
    assert run(invitation, send_count=first) is False
    assert len(mail.outbox) == 1


def test_a_resend_after_a_sent_email_sends_again(invitation):
    run(invitation)
    with tenant_scope(invitation.organisation):
        invitation_resend(invitation=invitation)
    assert run(invitation) is True
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body != mail.outbox[1].body  # a different link


def test_a_revoked_invitation_sends_nothing(invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    assert run(invitation) is False
    assert mail.outbox == []


def test_an_accepted_invitation_sends_nothing(invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    assert run(invitation) is False
    assert mail.outbox == []


def test_an_expired_invitation_sends_nothing(invitation):
    Invitation.unscoped.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert run(invitation) is False
    assert mail.outbox == []


def test_a_deleted_invitation_sends_nothing(invitation):
    pk = invitation.pk
    Invitation.unscoped.filter(pk=pk).delete()
    assert send_invitation_email_task(pk, 1) is False
    assert mail.outbox == []


def test_it_leaves_no_tenant_scope_behind(invitation):
    run(invitation)
    assert current_organisation_id() is None


def test_enqueued_through_celery_it_also_sends_once(invitation):
    # Tasks run eagerly in tests; this is the path enqueue_on_commit takes.
    send_invitation_email_task.apply_async(args=(invitation.pk, invitation.send_count))
    send_invitation_email_task.apply_async(args=(invitation.pk, invitation.send_count))
    assert len(mail.outbox) == 1


def test_an_invitation_without_an_inviter_still_reads_well(org):
    invitation = InvitationFactory(organisation=org, invited_by=None)
    run(invitation)
    assert "You have been invited to join" in mail.outbox[0].body


def test_the_plain_text_parts_are_not_html_escaped(client_for):
    organisation = OrganisationFactory(name="Barking & Dagenham College")
    inviter = MembershipFactory(organisation=organisation, user__name="Siobhan O'Neill").user
    invitation = InvitationFactory(organisation=organisation, invited_by=inviter)

    run(invitation)

    message = mail.outbox[0]
    assert message.subject == (
        "You are invited to join Barking & Dagenham College on Prevent Compliance"
    )
    assert "Siobhan O'Neill has invited you to join Barking & Dagenham College" in message.body
    assert "&amp;" not in message.body
    assert "&#x27;" not in message.body
    html = message.alternatives[0][0]
    assert "Barking &amp; Dagenham College" in html  # the HTML part is escaped, as it must be
