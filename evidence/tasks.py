from celery import shared_task

from evidence.retention import superseded_files_sweep


@shared_task
def superseded_files_task() -> int:
    return superseded_files_sweep()
