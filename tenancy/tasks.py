from smtplib import SMTPException

from celery import shared_task
from django.db import transaction

from tenancy.models import Invitation
from tenancy.scope import with_tenant_scope
from tenancy.services import invitation_send_email


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=6,
)
@with_tenant_scope("invitation_id", model=Invitation, if_missing=False)
def send_invitation_email_task(invitation_id: int, send_count: int) -> bool:
    with transaction.atomic():
        return invitation_send_email(invitation_id=invitation_id, send_count=send_count)
