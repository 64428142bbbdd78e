import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from reporting.models import EvidencePack, PackStatus
from reporting.packs import pack_generate
from tenancy.scope import tenant_scope

logger = logging.getLogger(__name__)


def _progress(pack_id: int):
    def report(percent: int, stage: str) -> None:
        EvidencePack.unscoped.filter(pk=pack_id).update(progress=percent, stage=stage)

    return report


@shared_task(soft_time_limit=240, time_limit=300)
def generate_pack_task(pack_id: int) -> str:
    # Only one worker renders a pack: whoever moves it from queued to rendering.
    claimed = EvidencePack.unscoped.filter(pk=pack_id, status=PackStatus.QUEUED).update(
        status=PackStatus.RENDERING, progress=5, stage="Starting"
    )
    if not claimed:
        return "skipped"
    pack = (
        EvidencePack.unscoped.select_related("assessment__framework_version")
        .defer("assessment__framework_version__source_text")
        .get(pk=pack_id)
    )
    with tenant_scope(pack.organisation_id):
        try:
            pack_generate(pack, _progress(pack_id))
        except Exception as exc:
            logger.exception("Evidence pack %s failed", pack_id)
            EvidencePack.unscoped.filter(pk=pack_id).update(
                status=PackStatus.FAILED,
                stage="",
                error=f"The PDF could not be generated ({type(exc).__name__}: {exc})"[:500],
            )
            return "failed"
        with transaction.atomic():
            pack.status = PackStatus.READY
            pack.progress = 100
            pack.stage = ""
            pack.generated_at = timezone.now()
            pack.save()
    return "ready"
