from dataclasses import asdict

from celery import shared_task

from subcontractors.cycle import run_review_cycle
from subcontractors.delivery import deliver_questionnaire_emails


@shared_task
def subcontractor_review_cycle_task() -> dict:
    """Daily (beat): reissue yearly reviews, queue chasers and send what is owed."""
    return asdict(run_review_cycle())


@shared_task(acks_late=True)
def send_questionnaire_emails_task(email_ids: list[int]) -> int:
    """Send these questionnaire emails; each re-enters its organisation's tenant scope."""
    return deliver_questionnaire_emails(email_ids)
