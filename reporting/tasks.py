from celery import shared_task

from reporting.services import PACK_RENDER_TIME_LIMIT, pack_recover_stalled, pack_render


@shared_task(soft_time_limit=PACK_RENDER_TIME_LIMIT - 60, time_limit=PACK_RENDER_TIME_LIMIT)
def generate_pack_task(pack_id: int) -> str:
    return pack_render(pack_id)


@shared_task
def pack_recovery_task() -> dict[str, int]:
    return pack_recover_stalled()
