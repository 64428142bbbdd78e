import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.models import TimeStampedModel
from tenancy.roles import Designation, Role, holder_label
from tenancy.scope import TenantManager

validate_ukprn = RegexValidator(
    r"^1[0-9]{7}$",  # ASCII digits only: \d would also accept full-width and other scripts
    _("A UKPRN is 8 digits and starts with 1, for example 10012345."),
)


class ProviderType(models.TextChoices):
    GENERAL_FE_COLLEGE = "general_fe_college", _("General further education college")
    SIXTH_FORM_COLLEGE = "sixth_form_college", _("Sixth-form college")
    INDEPENDENT_TRAINING_PROVIDER = "itp", _("Independent training provider")
    EMPLOYER_PROVIDER = "employer_provider", _("Employer-provider")
    ADULT_COMMUNITY_LEARNING = "acl", _("Adult and community learning")


class ProfileCondition(models.TextChoices):
    """Facts of a provider's profile that decide whether some benchmarks apply (a framework's
    `applies_when`)."""

    SEVERAL_REGIONS = "several_regions", _("Delivers in more than one region")
    SUBCONTRACTS = "subcontracts", _("Subcontracts delivery to other providers")


class Organisation(TimeStampedModel):
    """A client provider: the tenant. Nobody sees another organisation's data."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    ukprn = models.CharField(_("UKPRN"), max_length=8, unique=True, validators=[validate_ukprn])
    provider_type = models.CharField(max_length=32, choices=ProviderType.choices)
    contact_name = models.CharField(_("main contact"), max_length=150)
    contact_email = models.EmailField(_("main contact's email"))
    contact_phone = models.CharField(_("main contact's phone"), max_length=40, blank=True)
    # Not stated (None) counts as yes: a benchmark starts "not applicable" only when the
    # organisation has said the fact it needs is not so.
    delivers_in_several_regions = models.BooleanField(
        _("delivers in more than one region"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Learners or apprentices are based in more than one local authority region."),
    )
    subcontracts_delivery = models.BooleanField(
        _("subcontracts delivery"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Another provider delivers some of your funded education or training."),
    )
    onboarded_by = person_field()
    require_mfa = models.BooleanField(
        _("everyone must use two-factor authentication"),
        default=False,
        help_text=_("Set by a quality manager; platform admins and account managers always must."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("look_after_organisation", "Look after this provider as its account manager"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tenancy:org_home", kwargs={"org_slug": self.slug})

    def meets(self, condition: str) -> bool:
        """Whether the profile meets one of the `ProfileCondition`s (unstated facts do)."""
        facts = {
            ProfileCondition.SEVERAL_REGIONS: self.delivers_in_several_regions,
            ProfileCondition.SUBCONTRACTS: self.subcontracts_delivery,
        }
        return facts[ProfileCondition(condition)] is not False


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian permissions: real joins and cascade deletes (no orphaned grants)."""

    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class OrganisationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class TenantModel(TimeStampedModel):
    """Base for every tenant-owned model: carries the organisation and scopes `objects`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="%(class)ss"
    )

    objects = TenantManager()
    unscoped = models.Manager()

    #: URL keyword that addresses one row by its code; the isolation test uses it.
    url_kwarg: str = ""

    class Meta:
        abstract = True
        default_manager_name = "unscoped"


class Membership(TenantModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    is_safeguarding_lead = models.BooleanField(
        _("designated safeguarding lead"),
        default=False,
        help_text=_("Enters the exact referral figures and sees restricted evidence."),
    )
    invited_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "member_code"

    class Meta(TenantModel.Meta):
        ordering = ["organisation", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="tenancy_membership_one_per_user"
            )
        ]
        indexes = [
            # "Is there another quality manager?" runs on every role change and removal.
            models.Index(fields=["organisation", "role"], name="tenancy_membership_org_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"

    @property
    def designations(self) -> frozenset[str]:
        return frozenset({Designation.SAFEGUARDING_LEAD} if self.is_safeguarding_lead else ())


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


def default_invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_EXPIRY_DAYS)


class Invitation(TenantModel):
    """An emailed invitation to join an organisation with a role.

    The link's token is an HMAC of the code and `send_count`, so nothing secret is stored and
    re-sending makes earlier links stop working.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField()
    role = models.CharField(max_length=32, choices=Role.choices)
    invited_by = person_field()
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    send_count = models.PositiveIntegerField(default=1)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = person_field()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The inviter's choice: the email, and the accept page to a visitor not signed in, are in it.
    language = models.CharField(
        _("language of the invitation"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    history = HistoricalRecords()
    url_kwarg = "invitation_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="tenancy_invitation_one_open_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    @property
    def role_label(self) -> str:
        """The role, in the active language."""
        return holder_label(self.role)

    def token(self) -> str:
        return salted_hmac(
            "tenancy.invitation", f"{self.code}:{self.send_count}", algorithm="sha256"
        ).hexdigest()

    def token_matches(self, token: str) -> bool:
        return constant_time_compare(self.token(), token)

    def accept_url(self) -> str:
        path = reverse(
            "invitation_accept", kwargs={"invitation_code": self.code, "token": self.token()}
        )
        return f"{settings.SITE_URL}{path}"


class PersonalDataConfirmation(TenantModel):
    """Someone's decision that a finding of the personal-data guard is not personal data.

    Holds the finding's key (a hash of its category, the matched text and its sentence), never
    the text itself, so the record cannot leak what it was about; the same text in the same
    sentence is not flagged again anywhere in the organisation.
    """

    key = models.CharField(max_length=64)
    category = models.CharField(max_length=20)
    where = models.CharField(max_length=200, help_text=_("Where the text was when confirmed."))
    confirmed_by = person_field()
    confirmed_by_label = models.CharField(
        max_length=200, blank=True, help_text=_("Who confirmed it, when they have no account.")
    )

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="tenancy_personal_data_one_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} confirmed at {self.where}"


class SupportGrant(TenantModel):
    """A quality manager lets an account manager see the provider's content (narratives,
    evidence files, packs) for a stated reason and a limited time (`tenancy.support`)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    ends_at = models.DateTimeField()
    granted_by = person_field()
    ended_at = models.DateTimeField(null=True, blank=True, help_text=_("Ended early."))
    ended_by = person_field()

    history = HistoricalRecords()
    url_kwarg = "grant_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "account_manager"], name="tenancy_support_am")
        ]

    def __str__(self) -> str:
        return f"Support access for {self.account_manager} at {self.organisation}"

    def is_live(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and self.ends_at > now


class SupportPageView(TenantModel):
    """One page an account manager opened under a support grant (a log: no history)."""

    grant = models.ForeignKey(SupportGrant, on_delete=models.CASCADE, related_name="views")
    path = models.CharField(max_length=400)
    url_name = models.CharField(max_length=120, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
