"""Organisation API keys: a `core.secret_links.SecretLink` sent as `Authorization: Bearer <key>`.

A quality manager names a key and gives it a scope (read, or read and write); the key is shown
once and only its SHA-256 is stored. It works until revoked, and only while the person who made
it is still one of the organisation's quality managers (what it writes is recorded as theirs).
"""

import uuid
from typing import ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.secret_links import SecretLink, SecretLinkManager
from tenancy.models import TenantModel
from tenancy.roles import API_KEY_READ, API_KEY_READ_WRITE

#: Every key starts with this, so a leaked one is recognisable (and secret scanners can match it).
KEY_PREFIX = "pck_"
#: The first characters of the key after the prefix, kept to tell keys apart in the list.
HINT_LENGTH = 6


class KeyScope(models.TextChoices):
    READ = API_KEY_READ, _("Read")
    READ_WRITE = API_KEY_READ_WRITE, _("Read and write")


class ApiKey(SecretLink, TenantModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        max_length=80, help_text=_("What uses it, e.g. “Power BI dashboard” or “MIS sync”.")
    )
    scope = models.CharField(max_length=24, choices=KeyScope.choices, default=KeyScope.READ)
    hint = models.CharField(max_length=HINT_LENGTH, editable=False)
    created_by = person_field()

    unscoped: ClassVar[SecretLinkManager[Self]] = SecretLinkManager()
    history = HistoricalRecords(excluded_fields=[*SecretLink.UNTRACKED_FIELDS, "token_hash"])
    url_kwarg = "key_code"

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        verbose_name = _("API key")

    def __str__(self) -> str:
        return self.name

    @property
    def display_hint(self) -> str:
        return f"{KEY_PREFIX}{self.hint}…"
