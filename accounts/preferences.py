"""Emails a person may turn off one by one, on their preferences page.

The apps that send them register them when they start (`reminders.apps`), so this app names no
kind it does not own; `User.email_opt_outs` keeps the keys a person turned off.
"""

from django.utils.functional import Promise

#: key -> label; a label may be lazily translated (shown in the reader's language).
_OPTIONAL_EMAILS: dict[str, str | Promise] = {}


def register_optional_emails(choices: list[tuple[str, str | Promise]]) -> None:
    """Offer these (key, "Email me when ...") choices on the preferences page."""
    _OPTIONAL_EMAILS.update(choices)


def optional_emails() -> list[tuple[str, str | Promise]]:
    return list(_OPTIONAL_EMAILS.items())
