"""The inviter chooses the invitation's language: the invitee has no account, so no language of
their own. The email is in it, and so is the accept page to a visitor not signed in."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Invitation
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tenancy.services import invitation_create, user_create_from_invitation
from tests.tenancy.helpers import field_error_html
from tests.tenancy.invitations.helpers import STRONG_PASSWORD, accept_path

pytestmark = pytest.mark.django_db


def invitation_in(org, inviter, language: str, **fields) -> Invitation:
    fields = {"email": "sam.patel@example.org", "role": Role.SENIOR_LEADER, **fields}
    return Invitation.unscoped.create(
        organisation=org, invited_by=inviter, language=language, **fields
    )


def invite(client, org, **data):
    return client.post(
        reverse("tenancy:member_invite", kwargs={"org_slug": org.slug}),
        {"email": "sam.patel@example.org", "role": Role.VIEWER, **data},
    )


def test_an_invitation_chosen_in_welsh_is_emailed_in_welsh_while_the_page_stays_english(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    client = client_for(inviter)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, org, language="cy")

    assert response.status_code == 302
    invitation = Invitation.unscoped.get(organisation=org)
    assert invitation.language == "cy"
    [email] = mail.outbox
    assert email.subject == f"Gwahoddiad i ymuno â {org.name} ar Prevent Compliance"
    assert "Derbyniwch y gwahoddiad a gosod eich cyfrinair yma:" in email.body
    assert "gwyliwr" in email.body  # the role, in Welsh too
    assert "Yn darllen popeth; yn newid dim." in email.body
    assert isinstance(email, EmailMultiAlternatives)
    html = str(email.alternatives[0][0])
    assert "Derbyn y gwahoddiad" in html
    assert "Accept the invitation" not in email.body

    page = client.get(response["Location"])
    content = page.content.decode()
    assert "Invitation sent to sam.patel@example.org as viewer." in content
    assert "Invite a colleague" in content
    assert "Gwahodd cydweithiwr" not in content


def test_an_invitation_in_english_is_emailed_in_english(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    inviter.language = "cy"
    inviter.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(inviter), org, language="en-gb")

    [email] = mail.outbox
    assert email.subject == f"You are invited to join {org.name} on Prevent Compliance"
    assert "Accept the invitation and set your password here:" in email.body


def test_the_choice_is_labelled_and_starts_in_the_inviters_own_language(client_for, inviter, org):
    url = reverse("tenancy:member_list", kwargs={"org_slug": org.slug})
    form = client_for(inviter).get(url).context["invite_form"]
    assert str(form["language"].label) == "Language of the invitation"
    assert form["language"].value() == "en-gb"
    assert '<label for="id_language">Language of the invitation' in form["language"].label_tag()

    inviter.language = "cy"
    inviter.save(update_fields=["language"])
    response = client_for(inviter).get(url)
    assert response.context["invite_form"]["language"].value() == "cy"
    assert "Iaith y gwahoddiad" in response.content.decode()


def test_an_unknown_language_is_refused_beside_the_field_and_what_was_typed_is_kept(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(inviter), org, language="fr")

    assert response.status_code == 400
    assert "Select a valid choice" in field_error_html(response, "language")
    assert 'value="sam.patel@example.org"' in response.content.decode()
    assert not Invitation.unscoped.filter(organisation=org).exists()
    assert mail.outbox == []


def test_a_post_without_the_choice_gets_the_inviters_language(
    client_for, inviter, org, django_capture_on_commit_callbacks
):
    inviter.language = "cy"
    inviter.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(inviter).post(
            reverse("tenancy:member_invite", kwargs={"org_slug": org.slug}),
            {"email": "sam.patel@example.org", "role": Role.VIEWER},
        )
    assert Invitation.unscoped.get(organisation=org).language == "cy"


def test_the_service_defaults_to_the_inviters_language(inviter, org):
    inviter.language = "cy"
    inviter.save(update_fields=["language"])
    with tenant_scope(org):
        invitation = invitation_create(
            organisation=org, email="sam.patel@example.org", role=Role.VIEWER, by=inviter
        )
        nobody = invitation_create(
            organisation=org, email="alex@example.org", role=Role.VIEWER, by=None
        )
    assert invitation.language == "cy"
    assert nobody.language == "en-gb"


def test_the_accept_page_is_in_the_invitations_language_to_a_visitor_not_signed_in(
    client, org, inviter
):
    invitation = invitation_in(org, inviter, "cy", role=Role.VIEWER)
    response = client.get(accept_path(invitation), HTTP_ACCEPT_LANGUAGE="en-gb")

    content = response.content.decode()
    assert response.status_code == 200
    assert f"Ymuno â {org.name}" in content
    assert "gwyliwr" in content
    assert response["Content-Language"] == "cy"


def test_a_dead_welsh_invitation_says_so_in_welsh(client, org, inviter):
    invitation = invitation_in(org, inviter, "cy", revoked_at=timezone.now())

    response = client.get(accept_path(invitation), HTTP_ACCEPT_LANGUAGE="en-gb")

    assert response.status_code == 410
    assert "Mae’r gwahoddiad hwn wedi’i dynnu’n ôl" in response.content.decode()


def test_an_english_invitation_keeps_the_english_accept_page(client, org, inviter):
    invitation = invitation_in(org, inviter, "en-gb")
    response = client.get(accept_path(invitation), HTTP_ACCEPT_LANGUAGE="cy")
    assert f"Join {org.name}" in response.content.decode()


def test_the_account_made_from_a_welsh_invitation_starts_in_welsh(org, inviter):
    invitation = invitation_in(org, inviter, "cy")
    user = user_create_from_invitation(invitation=invitation, name="Sam", password=STRONG_PASSWORD)
    assert user.language == "cy"
