"""Emails are templates: <name>-subject.txt, <name>-body.txt and <name>-body.html."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(
    name: str, *, to: list[str], context: dict[str, Any], connection: Any = None
) -> None:
    """`connection` (from `django.core.mail.get_connection`) lets a batch share one SMTP
    connection; without it each email opens and closes its own."""
    context = {"site_url": settings.SITE_URL, **context}
    # One line, whatever the names in it contain (a newline would make the header invalid).
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, connection=connection)
    message.attach_alternative(html, "text/html")
    message.send()
