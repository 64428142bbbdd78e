"""`manage.py check` (and migrate, runserver) fails when packs could not be signed, so a
deployment without the certificate stops at its release step rather than at an inspector's
first download."""

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def pack_signing_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from reporting.signing import credentials

    try:
        credentials()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint="See docs/pack-signing.md.", id="reporting.E001")]
    return []
