"""Gunicorn's access log with secret link tokens cut out (see core.redaction)."""

from gunicorn.glogging import Logger

from core.redaction import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
