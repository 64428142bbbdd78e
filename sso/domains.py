"""Email domains: how they are compared, and which can never be claimed."""

import re

# Mailbox providers anyone can sign up to: claiming one would let an organisation's identity
# provider speak for strangers.
PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "talktalk.net",
        "gmx.com",
        "mail.com",
    }
)
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_domain(value: str) -> str:
    return value.strip().lower().removeprefix("@").rstrip(".")


def is_valid_domain(domain: str) -> bool:
    return bool(_DOMAIN.match(domain))


def email_domain(email: str) -> str:
    """The part after the last "@", lower case ("" when there is none)."""
    _, at, domain = (email or "").rpartition("@")
    return normalise_domain(domain) if at else ""
