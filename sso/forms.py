from typing import Any
from urllib.parse import urlsplit

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sso.domains import email_domain, normalise_domain
from sso.models import IdentityProvider, SsoConnection
from sso.selectors import connection_for_domain, sso_only_connection_for

SSO_ONLY = _(
    "%(organisation)s signs in with single sign-on. Use “Continue with single sign-on” below "
    "with your %(domain)s address. If that does not work, ask your quality manager or your "
    "account manager."
)
NO_CONNECTION = _(
    "Single sign-on is not set up for %(domain)s addresses. Sign in with your email address "
    "and password instead."
)
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


class LoginForm(AllauthLoginForm):
    """allauth's password sign-in, refused to members whose organisation uses SSO only."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        user = getattr(self, "user", None)
        connection = sso_only_connection_for(user) if user is not None else None
        if connection is not None:
            self.user = None
            raise ValidationError(
                SSO_ONLY
                % {"organisation": connection.organisation.name, "domain": connection.domain}
            )
        return cleaned


class SsoStartForm(forms.Form):
    email = forms.EmailField(
        label=_("Work email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    connection: SsoConnection | None = None

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        domain = email_domain(email)
        self.connection = connection_for_domain(domain)
        if self.connection is None:
            raise ValidationError(NO_CONNECTION % {"domain": domain})
        return email


class SsoConnectionForm(forms.ModelForm):
    issuer_url = forms.URLField(
        label=_("Issuer URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Other providers only: the issuer, for example https://login.example.ac.uk. "
            "We read its OpenID Connect discovery document."
        ),
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = SsoConnection
        fields = [
            "provider",
            "domain",
            "client_id",
            "tenant_id",
            "issuer_url",
            "enabled",
            "sso_only",
        ]
        widgets = {"provider": forms.RadioSelect}
        labels = {
            "provider": _("Identity provider"),
            "domain": _("Email domain"),
            "enabled": _("Offer single sign-on to people with this domain"),
            "sso_only": _(
                "Single sign-on only: members with this domain cannot sign in with a password"
            ),
        }
        help_texts = {
            "domain": _(
                "The part after the @ in your staff's email addresses, such as "
                "northbeck.ac.uk. A domain can belong to one organisation only."
            ),
            "client_id": _("From the app registration you made for us in your identity provider."),
            "tenant_id": _(
                "Microsoft Entra ID only: your directory (tenant) ID, from the app "
                "registration's overview. Only accounts in that tenant are accepted."
            ),
            "sso_only": _(
                "Your account manager can turn this off if single sign-on stops working."
            ),
        }
        error_messages = {
            "domain": {"unique": _("Another organisation has already linked this domain.")}
        }

    def __init__(
        self, *args: Any, has_secret: bool = False, own_domain: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        provider.choices = IdentityProvider.choices  # no empty "---------"
        if own_domain:
            self.fields["domain"].help_text = f"{self.fields['domain'].help_text} " + gettext(
                "You can link %(domain)s, your own email's domain; your account manager "
                "can link another domain your organisation owns."
            ) % {"domain": own_domain}
        if has_secret:
            self.fields["client_secret"].help_text = gettext(
                "A secret is saved (it is never shown). Leave this blank to keep it."
            )
        else:
            self.fields["client_secret"].help_text = gettext("From the same app registration.")

    def clean_domain(self) -> str:
        return normalise_domain(self.cleaned_data["domain"])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        provider = cleaned.get("provider")
        if provider == IdentityProvider.MICROSOFT and not cleaned.get("tenant_id"):
            self.add_error("tenant_id", gettext("Enter your directory (tenant) ID."))
        if provider == IdentityProvider.OPENID_CONNECT:
            url = cleaned.get("issuer_url") or ""
            parts = urlsplit(url)
            if not url:
                self.add_error("issuer_url", gettext("Enter the issuer URL."))
            elif parts.scheme != "https" and not (
                settings.SSO_ALLOW_LOCAL_ISSUER and parts.hostname in LOCAL_HOSTS
            ):
                self.add_error("issuer_url", gettext("The issuer URL must start with https://."))
        if cleaned.get("sso_only") and not cleaned.get("enabled"):
            self.add_error(
                "sso_only", gettext("Offer single sign-on before making it the only way in.")
            )
        return cleaned
