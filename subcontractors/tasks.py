"""The daily review cycle's task: thin, calling the cycle with the send task to hand emails to.

The send task itself lives beside the delivery code it runs (`subcontractors.delivery`), so the
services that enqueue it never import this module or the cycle.
"""

from dataclasses import asdict

from celery import shared_task

from subcontractors.cycle import run_review_cycle
from subcontractors.delivery import send_questionnaire_emails_task


@shared_task
def subcontractor_review_cycle_task() -> dict:
    """Daily (beat): reissue yearly reviews, queue chasers and send what is owed."""
    return asdict(run_review_cycle(enqueue=send_questionnaire_emails_task.delay))
