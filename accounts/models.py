from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users are identified by email; there is no username."""

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":  # type: ignore[override]
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":  # type: ignore[override]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=150, blank=True)
    is_account_manager = models.BooleanField(
        default=False,
        help_text=_(
            "Our staff who onboard client providers and look after those assigned to them."
        ),
    )
    receives_optional_emails = models.BooleanField(
        default=True, help_text=_("Digests and other emails the user can do without.")
    )
    email_opt_outs = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Kinds of hand-off email the user turned off (accounts.preferences); they "
            "still appear in the notifications bell."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en-gb",
        help_text=_("The language the interface is shown in once signed in (English or Welsh)."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def wants_email(self, kind: str) -> bool:
        """False for a hand-off kind this user turned off on their preferences page."""
        return kind not in (self.email_opt_outs or [])

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email
