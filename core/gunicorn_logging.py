"""Gunicorn's access log with secret link tokens cut out (see core.redaction)."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from gunicorn.glogging import Logger

from core.redaction import redact

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from gunicorn.glogging import _AtomsDict
    from gunicorn.http import Request
    from gunicorn.http.wsgi import Response


class RedactingLogger(Logger):
    def atoms(
        self,
        resp: "Response",
        req: "Request",
        environ: "MutableMapping[str, Any]",
        request_time: timedelta,
    ) -> "_AtomsDict":
        atoms = super().atoms(resp, req, environ, request_time)
        # Same keys, and strings stay strings: only the type checker needs telling.
        redacted = {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
        return cast("_AtomsDict", redacted)
