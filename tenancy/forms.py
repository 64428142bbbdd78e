from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from core.languages import known_language
from tenancy.models import Organisation, ProviderType, validate_ukprn
from tenancy.roles import Role, holder_label
from tenancy.services import UKPRN_TAKEN


class OnboardProviderForm(forms.Form):
    name = forms.CharField(label=_("Provider name"), max_length=200)
    ukprn = forms.CharField(
        label=_("UKPRN"),
        max_length=8,
        min_length=8,
        validators=[validate_ukprn],
        error_messages={
            "min_length": _("A UKPRN is exactly 8 digits."),
            "max_length": _("A UKPRN is exactly 8 digits."),
        },
        help_text=_("The 8-digit UK Provider Reference Number, for example 10012345."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    provider_type = forms.ChoiceField(label=_("Provider type"), choices=ProviderType.choices)
    contact_name = forms.CharField(label=_("Main contact's name"), max_length=150)
    contact_email = forms.EmailField(label=_("Main contact's email"))
    contact_phone = forms.CharField(label=_("Main contact's phone"), max_length=40, required=False)
    quality_manager_email = forms.EmailField(
        label=_("First quality manager's email"),
        help_text=_("We email them an invitation to set a password and join."),
    )

    def clean_ukprn(self) -> str:
        ukprn: str = self.cleaned_data["ukprn"].strip()
        if Organisation.objects.filter(ukprn=ukprn).exists():
            raise forms.ValidationError(UKPRN_TAKEN)
        return ukprn


class ProfileAnswer(forms.NullBooleanSelect):
    """Yes, no, or not stated yet (which counts as yes: nothing is switched off unasked)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Not stated yet (counts as yes)")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]


class OrganisationProfileForm(forms.ModelForm[Organisation]):
    """What the organisation is like: its contact, and the facts that decide which benchmarks
    apply to it (read when a self-evaluation starts)."""

    class Meta:
        model = Organisation
        fields = [
            "provider_type",
            "contact_name",
            "contact_email",
            "contact_phone",
            "delivers_in_several_regions",
            "subcontracts_delivery",
        ]
        labels = {
            "provider_type": _("Provider type"),
            "contact_name": _("Main contact's name"),
            "contact_email": _("Main contact's email"),
            "contact_phone": _("Main contact's phone"),
            "delivers_in_several_regions": _("We deliver in more than one region"),
            "subcontracts_delivery": _("We subcontract delivery to other providers"),
        }
        widgets = {
            "delivers_in_several_regions": ProfileAnswer,
            "subcontracts_delivery": ProfileAnswer,
        }


def role_choices() -> list[tuple[str, str]]:
    """The roles, labelled in the active language (Role's own labels stay English)."""
    return [(role.value, holder_label(role.value)) for role in Role]


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=role_choices, initial=Role.CONTRIBUTOR)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_(
            "The email, and the page its link opens, are in this language. Once they have an "
            "account, they choose their own."
        ),
    )

    @classmethod
    def blank(cls, language: str) -> "InviteMemberForm":
        """The form as first shown: the invitation in the inviter's own language."""
        return cls(initial={"language": known_language(language)})


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices)


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Avoid common passwords."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            from accounts.models import User

            try:
                password_validation.validate_password(
                    p1, User(email=self.email, name=cleaned.get("name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
