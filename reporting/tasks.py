from celery import shared_task

from reporting.attention import attention_refresh
from reporting.models import EvidencePack
from reporting.retention import packs_retention_sweep
from reporting.services import PACK_RENDER_TIME_LIMIT, pack_recover_stalled, pack_render
from tenancy.scope import with_tenant_scope
from tenancy.selectors import organisations_with_an_account_manager


@shared_task(soft_time_limit=PACK_RENDER_TIME_LIMIT - 60, time_limit=PACK_RENDER_TIME_LIMIT)
@with_tenant_scope("pack_id", model=EvidencePack, if_missing="skipped")
def generate_pack_task(pack_id: int) -> str:
    return pack_render(pack_id)


@shared_task
def attention_refresh_task() -> int:
    """Every provider's cockpit score, so the portfolio page finds them fresh."""
    return attention_refresh(organisations_with_an_account_manager())


@shared_task
def pack_recovery_task() -> dict[str, int]:
    return pack_recover_stalled()


@shared_task
def packs_retention_task() -> dict[str, int]:
    return packs_retention_sweep()
