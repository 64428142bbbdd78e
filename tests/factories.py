import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tenancy.models import Invitation, Membership, Organisation, ProviderType
from tenancy.roles import Role

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a test authenticator's secret


def give_mfa_if_required(user, force: bool = False) -> None:
    """Set up an authenticator, as someone who must use two-factor authentication has."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from tenancy.mfa import mfa_required

    if not (force or mfa_required(user)):
        return
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def signed_in_client(user):
    """A test client signed in as `user` with the session a sign-in leaves, written directly.

    For the walks that request every page as several people: `Client.force_login` costs 16
    queries (a throwaway session, the key rotated, last_login stamped, the session saved
    twice), 8-20 ms a test here; this is one session saved (2-4 ms). What the pages see is the
    same: a session naming the user, their backend and their password hash. Tests of signing in
    itself use the real form or `force_login`.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client

    give_mfa_if_required(user)  # as an account manager or admin has, before their first page
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def totp_code(secret: str = TOTP_SECRET) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        """People who must use two-factor authentication have set it up, unless mfa=False."""
        if create and extracted is not False:
            give_mfa_if_required(obj, force=bool(extracted))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    ukprn = factory.Sequence(lambda n: f"1{n + 1000000:07d}")
    provider_type = ProviderType.INDEPENDENT_TRAINING_PROVIDER
    contact_name = "Casey Contact"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.QUALITY_MANAGER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unscoped.create(*args, **kwargs)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.CONTRIBUTOR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unscoped.create(*args, **kwargs)


def account_manager_for(*organisations: Organisation, **kwargs):
    from tenancy.services import organisation_assign_account_manager

    user = UserFactory(is_account_manager=True, **kwargs)
    for organisation in organisations:
        organisation_assign_account_manager(organisation=organisation, user=user)
    return user
