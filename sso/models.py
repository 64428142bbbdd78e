"""An organisation's single sign-on connection: its email domain and its identity provider.

One per organisation. The client secret is stored encrypted (`sso.secrets`) and never leaves the
server: forms do not show it back, the history leaves it out, and `repr` does not include it.
"""

import uuid

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenancy.models import TenantModel


class IdentityProvider(models.TextChoices):
    MICROSOFT = "microsoft", _("Microsoft Entra ID")
    GOOGLE = "google", _("Google Workspace")
    OPENID_CONNECT = "openid_connect", _("Another OpenID Connect provider")


class SsoConnection(TenantModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.CharField(max_length=20, choices=IdentityProvider.choices)
    # Lower case, no "@"; a domain belongs to at most one organisation.
    domain = models.CharField(max_length=253, unique=True)
    client_id = models.CharField(_("client ID"), max_length=255)
    client_secret_encrypted = models.TextField(blank=True, editable=False)
    # Microsoft: the directory (tenant) ID, so only that tenant's accounts are accepted.
    tenant_id = models.CharField(_("directory (tenant) ID"), max_length=100, blank=True)
    # Another OpenID Connect provider: its issuer URL (discovery is read from it).
    issuer_url = models.URLField(_("issuer URL"), max_length=500, blank=True)
    enabled = models.BooleanField(default=False)
    sso_only = models.BooleanField(_("single sign-on only"), default=False)
    # When a member last signed in through it: "single sign-on only" needs one first.
    last_sign_in_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["client_secret_encrypted"])

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="sso_one_connection_per_org"),
            models.CheckConstraint(
                condition=~models.Q(sso_only=True, enabled=False),
                name="sso_only_needs_enabled",
            ),
        ]

    def __repr__(self) -> str:
        return f"<SsoConnection {self.domain} {self.provider}>"

    def __str__(self) -> str:
        return gettext("%(provider)s for %(domain)s") % {
            "provider": self.get_provider_display(),
            "domain": self.domain,
        }

    @property
    def has_secret(self) -> bool:
        return bool(self.client_secret_encrypted)

    @property
    def provider_id(self) -> str:
        """allauth's name for this connection: its sub-provider id for OpenID Connect."""
        if self.provider == IdentityProvider.OPENID_CONNECT:
            return f"org-{self.code}"
        return str(self.provider)
