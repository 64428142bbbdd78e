"""Secret link tokens never reach a log: questionnaire, pack-share, invitation, password-reset and
email-confirmation keys are cut out of every logged path, query and referrer.

Used by Django's logging (a filter on the console handler) and by gunicorn's access log
(`core.gunicorn_logging.RedactingLogger`, configured in gunicorn.conf.py). It imports nothing from
Django, so gunicorn's logger can use it before Django is loaded.
"""

import logging
import re

REDACTED = "[redacted]"
_SEGMENT = r"[^/?#\s\"']+"
_PATTERNS = [
    re.compile(rf"(/q/){_SEGMENT}"),  # subcontractor questionnaire links
    re.compile(rf"(/p/){_SEGMENT}"),  # inspectors' pack-share links
    re.compile(rf"(/invitations/[0-9a-fA-F-]{{36}}/){_SEGMENT}"),  # invitation keys
    re.compile(rf"(/accounts/password/reset/key/){_SEGMENT}"),  # password-reset keys
    re.compile(rf"(/accounts/confirm-email/){_SEGMENT}"),  # email-confirmation keys
    re.compile(r"(/calendar/)[^/?#\s\"']+(?=\.ics)"),  # personal iCalendar feed tokens
    re.compile(r"([?&](?:token|key|code)=)[^&\s\"']+", re.IGNORECASE),
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites each record's message with the secrets cut out (e.g. "Not Found: /q/<token>/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
