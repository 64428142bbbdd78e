"""The People page: inviting, changing roles, removing, and who may do each."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Invitation, InvitationState, Membership
from tenancy.roles import Role
from tests.factories import InvitationFactory, MembershipFactory, account_manager_for
from tests.tenancy.helpers import field_error_html, local_path

pytestmark = pytest.mark.django_db


def url(name: str, org, **kwargs) -> str:
    return reverse(f"tenancy:{name}", kwargs={"org_slug": org.slug, **kwargs})


def member_url(name: str, membership: Membership) -> str:
    return url(name, membership.organisation, member_code=membership.code)


def invitation_url(name: str, invitation: Invitation) -> str:
    return url(name, invitation.organisation, invitation_code=invitation.code)


def page_text(response) -> str:
    return response.content.decode()


@pytest.fixture
def qm_membership(org):
    return MembershipFactory(
        organisation=org, role=Role.QUALITY_MANAGER, user__name="Quinn Manager"
    )


@pytest.fixture
def qm(qm_membership):
    return qm_membership.user


@pytest.fixture
def qm_client(qm, client_for):
    return client_for(qm)


@pytest.fixture
def colleague(org):
    return MembershipFactory(organisation=org, role=Role.CONTRIBUTOR, user__name="Casey Colleague")


@pytest.fixture
def invitation(org, qm):
    return InvitationFactory(
        organisation=org, email="pending@example.org", role=Role.VIEWER, invited_by=qm
    )


# --- Seeing the page ------------------------------------------------------------------------


def test_the_people_page_lists_members_and_invitations(qm_client, org, colleague, invitation):
    response = qm_client.get(url("member_list", org))
    assert response.status_code == 200
    html = page_text(response)
    assert "Quinn Manager" in html
    assert "Casey Colleague" in html
    assert colleague.user.email in html
    assert "pending@example.org" in html
    assert "Invite a colleague" in html


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.SENIOR_LEADER])
def test_a_member_without_manage_rights_sees_people_but_no_controls(
    role, org, colleague, invitation, client_for
):
    reader = MembershipFactory(organisation=org, role=role).user
    response = client_for(reader).get(url("member_list", org))
    assert response.status_code == 200
    html = page_text(response)
    assert colleague.user.email in html
    assert "Invite a colleague" not in html
    assert "pending@example.org" not in html
    assert member_url("member_remove", colleague) not in html


# --- Inviting -------------------------------------------------------------------------------


def test_a_quality_manager_invites_a_colleague(
    qm_client, qm, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = qm_client.post(
            url("member_invite", org), {"email": "New.Person@example.org", "role": "senior_leader"}
        )

    assert response.status_code == 302
    assert response.url == url("member_list", org)
    invitation = Invitation.unscoped.get(organisation=org)
    assert invitation.email == "new.person@example.org"
    assert invitation.role == Role.SENIOR_LEADER
    assert invitation.invited_by == qm
    assert invitation.state == InvitationState.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert invitation.accept_url() in mail.outbox[0].body

    page = qm_client.get(response.url)
    assert "Invitation sent to new.person@example.org as senior leader." in page_text(page)
    assert "new.person@example.org" in page_text(page)


def test_an_account_manager_can_invite_for_their_provider(
    org, client_for, django_capture_on_commit_callbacks
):
    account_manager = account_manager_for(org)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(account_manager).post(
            url("member_invite", org), {"email": "qm2@example.org", "role": "quality_manager"}
        )
    assert response.status_code == 302
    assert Invitation.unscoped.get(organisation=org).invited_by == account_manager


@pytest.mark.parametrize("email", ["not-an-email", "someone@", "", "two@@example.org"])
def test_a_bad_email_is_shown_next_to_the_field_and_kept(qm_client, org, email):
    response = qm_client.post(url("member_invite", org), {"email": email, "role": "viewer"})

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert list(form.errors) == ["email"]
    assert field_error_html(response, "email") != ""
    html = page_text(response)
    if email:
        assert f'value="{email}"' in html
    assert '<option value="viewer" selected>' in html
    assert not Invitation.unscoped.exists()


def test_an_unknown_role_is_refused(qm_client, org):
    response = qm_client.post(
        url("member_invite", org), {"email": "ok@example.org", "role": "owner"}
    )
    assert response.status_code == 400
    assert list(response.context["invite_form"].errors) == ["role"]
    assert 'value="ok@example.org"' in page_text(response)
    assert not Invitation.unscoped.exists()


def test_inviting_needs_a_post(qm_client, org):
    assert qm_client.get(url("member_invite", org)).status_code == 405


# --- Changing roles -------------------------------------------------------------------------


def test_a_quality_manager_changes_a_role(qm_client, org, colleague):
    response = qm_client.post(
        member_url("member_change_role", colleague), {"role": "senior_leader"}, follow=True
    )

    assert response.redirect_chain == [(url("member_list", org), 302)]
    colleague.refresh_from_db()
    assert colleague.role == Role.SENIOR_LEADER
    assert "Casey Colleague is now a senior leader." in page_text(response)


def test_a_role_change_is_recorded_in_the_audit_trail(qm_client, qm, colleague):
    qm_client.post(member_url("member_change_role", colleague), {"role": "viewer"})

    record = colleague.history.first()
    assert record.role == Role.VIEWER
    assert record.history_type == "~"
    assert record.history_user == qm
    assert colleague.history.count() == 2  # created, then changed


def test_a_removal_is_recorded_in_the_audit_trail(qm_client, qm, colleague):
    qm_client.post(member_url("member_remove", colleague))

    record = Membership.history.filter(id=colleague.pk).first()
    assert record.history_type == "-"
    assert record.history_user == qm
    assert record.role == Role.CONTRIBUTOR


def test_an_invalid_role_changes_nothing(qm_client, colleague):
    response = qm_client.post(
        member_url("member_change_role", colleague), {"role": "owner"}, follow=True
    )
    assert "Choose one of the roles in the list." in page_text(response)
    colleague.refresh_from_db()
    assert colleague.role == Role.CONTRIBUTOR


def test_the_last_quality_manager_cannot_be_demoted(qm_client, qm_membership, colleague):
    response = qm_client.post(
        member_url("member_change_role", qm_membership), {"role": "viewer"}, follow=True
    )

    assert response.status_code == 200
    assert "is the only quality manager" in page_text(response)
    qm_membership.refresh_from_db()
    assert qm_membership.role == Role.QUALITY_MANAGER
    assert qm_membership.history.count() == 1


def test_one_of_two_quality_managers_can_be_demoted(qm_client, org, qm_membership, colleague):
    qm_client.post(member_url("member_change_role", colleague), {"role": "quality_manager"})
    response = qm_client.post(
        member_url("member_change_role", qm_membership), {"role": "contributor"}, follow=True
    )

    assert "is the only quality manager" not in page_text(response)
    qm_membership.refresh_from_db()
    colleague.refresh_from_db()
    assert qm_membership.role == Role.CONTRIBUTOR
    assert colleague.role == Role.QUALITY_MANAGER


def test_a_quality_manager_of_another_organisation_does_not_count(
    qm_client, qm_membership, other_org
):
    MembershipFactory(organisation=other_org, role=Role.QUALITY_MANAGER)
    qm_client.post(member_url("member_change_role", qm_membership), {"role": "viewer"})
    qm_membership.refresh_from_db()
    assert qm_membership.role == Role.QUALITY_MANAGER


# --- Removing -------------------------------------------------------------------------------


def test_removing_asks_for_confirmation_first(qm_client, colleague):
    response = qm_client.get(member_url("member_remove", colleague))

    assert response.status_code == 200
    html = page_text(response)
    assert "Remove Casey Colleague?" in html
    assert colleague.user.email in html
    assert "Remove access</button>" in html
    assert Membership.unscoped.filter(pk=colleague.pk).exists()


def test_a_quality_manager_removes_a_member(qm_client, org, colleague):
    response = qm_client.post(member_url("member_remove", colleague), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert not Membership.unscoped.filter(pk=colleague.pk).exists()
    assert f"Casey Colleague no longer has access to {org.name}." in page_text(response)
    # The user account itself stays; only access to this organisation goes.
    colleague.user.refresh_from_db()
    assert colleague.user.is_active


def test_a_removed_member_loses_access(qm_client, org, colleague, client_for):
    colleague_client = client_for(colleague.user)
    assert colleague_client.get(org.get_absolute_url()).status_code == 200
    qm_client.post(member_url("member_remove", colleague))
    assert colleague_client.get(org.get_absolute_url()).status_code == 404


def test_the_last_quality_manager_cannot_be_removed(qm_client, org, qm_membership, colleague):
    response = qm_client.post(member_url("member_remove", qm_membership), follow=True)

    assert response.redirect_chain == [(url("member_list", org), 302)]
    assert "is the only quality manager" in page_text(response)
    assert Membership.unscoped.filter(pk=qm_membership.pk, role=Role.QUALITY_MANAGER).exists()


def test_one_of_two_quality_managers_can_be_removed(qm_client, org, qm_membership):
    second = MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER)
    qm_client.post(member_url("member_remove", second))
    assert not Membership.unscoped.filter(pk=second.pk).exists()
    # ...and now the remaining one is the last, so it stays.
    qm_client.post(member_url("member_remove", qm_membership))
    assert Membership.unscoped.filter(pk=qm_membership.pk).exists()


def test_a_quality_manager_who_removes_themselves_goes_home(qm_client, org, qm_membership):
    MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER)
    response = qm_client.post(member_url("member_remove", qm_membership))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not Membership.unscoped.filter(pk=qm_membership.pk).exists()


def test_a_member_of_another_organisation_cannot_be_addressed(qm_client, org, outsider):
    theirs = Membership.unscoped.get(user=outsider)
    wrong = url("member_remove", org, member_code=theirs.code)
    assert qm_client.get(wrong).status_code == 404
    assert qm_client.post(wrong).status_code == 404
    assert Membership.unscoped.filter(pk=theirs.pk).exists()


# --- Re-sending and withdrawing invitations -------------------------------------------------


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


# --- Roles that may not manage people -------------------------------------------------------

LESSER_ROLES = [Role.VIEWER, Role.CONTRIBUTOR, Role.SENIOR_LEADER]


@pytest.fixture
def state_of(org):
    def snapshot():
        return (
            sorted(Membership.unscoped.filter(organisation=org).values_list("pk", "role")),
            sorted(
                Invitation.unscoped.filter(organisation=org).values_list(
                    "pk", "send_count", "revoked_at"
                )
            ),
        )

    return snapshot


@pytest.mark.parametrize("role", LESSER_ROLES)
def test_a_member_without_manage_rights_gets_403_and_nothing_changes(
    role,
    org,
    qm_membership,
    colleague,
    invitation,
    client_for,
    state_of,
    django_capture_on_commit_callbacks,
):
    actor = MembershipFactory(organisation=org, role=role).user
    client = client_for(actor)
    before = state_of()
    attempts = [
        ("post", url("member_invite", org), {"email": "x@example.org", "role": "quality_manager"}),
        ("post", member_url("member_change_role", colleague), {"role": "quality_manager"}),
        ("post", member_url("member_change_role", qm_membership), {"role": "viewer"}),
        ("get", member_url("member_remove", colleague), {}),
        ("post", member_url("member_remove", colleague), {}),
        ("post", member_url("member_remove", qm_membership), {}),
        ("post", invitation_url("invitation_resend", invitation), {}),
        ("post", invitation_url("invitation_revoke", invitation), {}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for method, target, data in attempts:
            response = getattr(client, method)(target, data)
            assert response.status_code == 403, f"{method} {target}"
            assert "You cannot do that" in page_text(response)

    assert state_of() == before
    assert mail.outbox == []


@pytest.mark.parametrize("role", LESSER_ROLES)
def test_a_member_without_manage_rights_cannot_change_their_own_role(role, org, client_for):
    membership = MembershipFactory(organisation=org, role=role)
    response = client_for(membership.user).post(
        member_url("member_change_role", membership), {"role": "quality_manager"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == role


# --- Performance ----------------------------------------------------------------------------


def _add_people(org, inviter, members: int, invitations: int) -> None:
    roles = [Role.CONTRIBUTOR, Role.VIEWER, Role.SENIOR_LEADER, Role.QUALITY_MANAGER]
    for n in range(members):
        MembershipFactory(organisation=org, role=roles[n % len(roles)])
    for _ in range(invitations):
        InvitationFactory(organisation=org, invited_by=inviter)


def _count_queries(client, target: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    assert response.status_code == 200
    return len(queries)


def test_the_people_page_query_count_does_not_grow_with_people(qm_client, qm, org):
    _add_people(org, qm, members=2, invitations=1)
    target = url("member_list", org)
    qm_client.get(target)  # warm up
    small = _count_queries(qm_client, target)

    _add_people(org, qm, members=27, invitations=9)
    response = qm_client.get(target)
    assert len(response.context["memberships"]) == 30
    assert len(response.context["invitations"]) == 10
    assert _count_queries(qm_client, target) == small
