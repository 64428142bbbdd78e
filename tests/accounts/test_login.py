import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def current_totp(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_it_logs_in_by_email_and_lands_in_the_organisation(client, org, member):
    response = login(client, member.email)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == f"/o/{org.slug}/"


def test_it_accepts_the_email_in_any_case(client, member):
    assert login(client, member.email.upper()).status_code == 302
    assert "_auth_user_id" in client.session


def test_it_refuses_a_wrong_password_with_a_clear_message(client, member):
    response = login(client, member.email, "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode()


def test_it_requires_a_verified_email(client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = login(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert "confirm" in mail.outbox[-1].subject.lower()


def test_it_rate_limits_failed_logins_per_account(client, member):
    for _ in range(5):
        login(client, member.email, "wrong-password")
    response = login(client, member.email)  # even the right password is held back now
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed_without_an_invitation(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "walk-in@example.org", "password1": "x" * 16, "password2": "x" * 16},
    )
    assert "created by invitation" in response.content.decode()
    assert not get_user_model().objects.filter(email="walk-in@example.org").exists()


def test_password_reset_does_not_reveal_whether_an_account_exists(client, member):
    known = client.post("/accounts/password/reset/", {"email": member.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    reset_mails = [m for m in mail.outbox if member.email in m.to]
    assert len(reset_mails) == 1


def test_logout_needs_a_post(client, member):
    client.force_login(member)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


class TestTwoFactor:
    def test_totp_secret_is_stored_encrypted(self, member):
        secret = generate_totp_secret()
        totp = TOTP.activate(member, secret)
        stored = totp.instance.data["secret"]
        assert stored != secret
        assert secret not in stored

    def test_login_asks_for_the_code_and_accepts_it_once(self, client, org):
        user = MembershipFactory(organisation=org).user
        secret = generate_totp_secret()
        TOTP.activate(user, secret)

        response = login(client, user.email)
        assert response["Location"] == "/accounts/2fa/authenticate/"
        assert "_auth_user_id" not in client.session

        code = current_totp(secret)
        response = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

        client.post("/accounts/logout/")
        login(client, user.email)
        replay = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert replay.status_code == 200  # the same code cannot be replayed
        assert "_auth_user_id" not in client.session

    def test_a_recovery_code_works_once(self, client, member):
        TOTP.activate(member, generate_totp_secret())
        codes = RecoveryCodes.activate(member).get_unused_codes()

        login(client, member.email)
        assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
        client.post("/accounts/logout/")
        login(client, member.email)
        assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 200
        assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_platform_admin_reaches_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/tenancy/organisation/").status_code == 200


def test_tenant_member_cannot_reach_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
