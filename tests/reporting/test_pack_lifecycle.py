"""Evidence packs never hang: a crashed render is taken over or failed, a pack the broker never
received is sent again, and the status page stops polling and offers "Try again"."""

import logging
import os
import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from prevent_compliance.celery import app as celery_app
from reporting.models import EvidencePack, PackStatus
from reporting.services import (
    NO_WORKER,
    PACK_MAX_ATTEMPTS,
    PACK_QUEUE_GIVE_UP,
    PACK_RENDER_LEASE,
    PACK_RESEND_AFTER,
    PACK_WAIT_LIMIT,
    WORKER_STOPPED,
    pack_recover_stalled,
)
from reporting.tasks import generate_pack_task
from tests.assessments.helpers import start
from tests.markers import needs_redis

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def assessment(org, subscribed, member):
    return start(org, subscribed, member)


def make_pack(assessment, **fields) -> EvidencePack:
    return EvidencePack.unscoped.create(
        organisation=assessment.organisation, assessment=assessment, is_draft=True, **fields
    )


def crashed(assessment, attempts=1, ago=PACK_RENDER_LEASE + timedelta(seconds=1)):
    """A pack left at "rendering 40%" by a worker that died `ago`."""
    started = timezone.now() - ago
    return make_pack(
        assessment,
        status=PackStatus.RENDERING,
        progress=40,
        stage="Laying out the pages",
        attempts=attempts,
        render_claimed_at=started,
        queued_at=started,
        last_sent_at=started,
    )


def status_of(pack) -> EvidencePack:
    pack.refresh_from_db()
    return pack


def test_the_redelivered_task_takes_over_a_render_whose_worker_died(assessment, clock):
    pack = crashed(assessment)
    assert generate_pack_task(pack.pk) == "ready"
    pack = status_of(pack)
    assert pack.status == PackStatus.READY and pack.attempts == 2
    assert pack.page_count and pack.file


def test_a_render_still_within_its_lease_is_left_to_its_worker(assessment, clock):
    pack = crashed(assessment, ago=PACK_RENDER_LEASE - timedelta(seconds=5))
    assert generate_pack_task(pack.pk) == "skipped"
    pack = status_of(pack)
    assert pack.status == PackStatus.RENDERING and pack.attempts == 1 and pack.progress == 40


def test_a_pack_whose_last_attempt_died_is_failed_with_a_reason(assessment, clock):
    by_task = crashed(assessment, attempts=PACK_MAX_ATTEMPTS)
    by_job = crashed(assessment, attempts=PACK_MAX_ATTEMPTS)
    assert generate_pack_task(by_task.pk) == "failed"
    assert pack_recover_stalled() == {"failed": 1, "resent": 0}
    for pack in (by_task, by_job):
        pack = status_of(pack)
        assert pack.status == PackStatus.FAILED and pack.error == WORKER_STOPPED


def test_the_periodic_job_restarts_a_render_whose_worker_died(
    assessment, clock, django_capture_on_commit_callbacks
):
    pack = crashed(assessment)
    with django_capture_on_commit_callbacks(execute=True):
        assert pack_recover_stalled() == {"failed": 0, "resent": 1}
    pack = status_of(pack)
    assert pack.status == PackStatus.READY and pack.attempts == 2


def test_a_worker_that_lost_its_lease_discards_its_result(assessment, clock, monkeypatch):
    import reporting.services

    real_generate = reporting.services.pack_generate
    pack = make_pack(assessment)

    def taken_over_midway(pack, progress):
        progress(15, "Collecting")
        EvidencePack.unscoped.filter(pk=pack.pk).update(render_claimed_at=timezone.now())
        clock.shift(1)  # another worker's stamp, a second later
        EvidencePack.unscoped.filter(pk=pack.pk).update(render_claimed_at=timezone.now())
        return real_generate(pack, lambda percent, stage: None)

    monkeypatch.setattr(reporting.services, "pack_generate", taken_over_midway)
    assert generate_pack_task(pack.pk) == "superseded"
    pack = status_of(pack)
    assert pack.status == PackStatus.RENDERING and not pack.file


def test_a_pack_requested_while_the_broker_was_down_is_sent_once_it_is_back(
    broker, assessment, member, client_for, clock, caplog, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        assert client_for(member).post(url).status_code == 302
    assert "Could not enqueue" in caplog.text
    pack = EvidencePack.unscoped.get(assessment=assessment)
    assert pack.status == PackStatus.QUEUED

    celery_app.conf.task_always_eager = True  # the broker is back (in-process here)
    with django_capture_on_commit_callbacks(execute=True):
        assert pack_recover_stalled() == {"failed": 0, "resent": 0}  # too soon to re-send
    clock.shift(PACK_RESEND_AFTER + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert pack_recover_stalled() == {"failed": 0, "resent": 1}
    assert status_of(pack).status == PackStatus.READY


def test_a_pack_no_worker_picks_up_is_failed_after_an_hour(assessment, clock):
    waiting = make_pack(assessment, queued_at=timezone.now() - PACK_QUEUE_GIVE_UP, stage="Waiting")
    waiting.last_sent_at = timezone.now()  # re-sent a moment ago: still given up on
    waiting.save()
    clock.shift(1)
    assert pack_recover_stalled()["failed"] == 1
    waiting = status_of(waiting)
    assert waiting.status == PackStatus.FAILED and waiting.error == NO_WORKER


def status_page(client, pack) -> str:
    kwargs = {"org_slug": pack.organisation.slug, "pack_code": pack.code}
    return client.get(reverse("reporting:pack_status", kwargs=kwargs)).content.decode()


def test_the_status_page_polls_briskly_then_slower_then_stops_and_offers_try_again(
    assessment, member, client_for, clock
):
    client = client_for(member)
    pack = make_pack(assessment, stage="Waiting for a worker")
    assert 'data-hx-trigger="every 1s"' in status_page(client, pack)
    clock.shift(31)
    assert 'data-hx-trigger="every 3s"' in status_page(client, pack)
    clock.shift(PACK_WAIT_LIMIT)
    page = status_page(client, pack)
    assert "data-hx-trigger" not in page and "data-hx-get" not in page
    assert "No worker has started it in the 6 minutes" in page
    assert "Try again" in page and "Check again" in page

    rendering = crashed(assessment, ago=PACK_WAIT_LIMIT + timedelta(seconds=1))
    page = status_page(client, rendering)
    assert "data-hx-trigger" not in page and "attempt 1 of 3" in page and "Try again" in page


def test_a_failed_pack_stops_polling_and_try_again_renders_it(
    assessment, member, client_for, clock, django_capture_on_commit_callbacks
):
    client = client_for(member)
    pack = crashed(assessment, attempts=PACK_MAX_ATTEMPTS)
    pack_recover_stalled()
    page = status_page(client, pack)
    assert "data-hx-trigger" not in page and WORKER_STOPPED in page and "Try again" in page

    kwargs = {"org_slug": pack.organisation.slug, "pack_code": pack.code}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:pack_retry", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:pack_detail", kwargs=kwargs)
    pack = status_of(pack)
    assert pack.status == PackStatus.READY and pack.attempts == 1 and pack.error == ""
    assert "Download the PDF" in client.get(response["Location"]).content.decode()


def test_try_again_leaves_a_pack_that_is_still_on_time_alone(
    assessment, member, client_for, clock, django_capture_on_commit_callbacks
):
    pack = crashed(assessment, ago=timedelta(seconds=20))
    kwargs = {"org_slug": pack.organisation.slug, "pack_code": pack.code}
    with django_capture_on_commit_callbacks(execute=True) as sent:
        client_for(member).post(reverse("reporting:pack_retry", kwargs=kwargs))
    assert sent == []
    assert status_of(pack).status == PackStatus.RENDERING


@pytest.mark.services
@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_pack_requested_while_redis_was_down(
    broker, org, subscribed, member
):
    from celery.contrib.testing.worker import start_worker

    from reporting.services import pack_request
    from tenancy.scope import tenant_scope

    broker("redis://127.0.0.1:1/0")
    with tenant_scope(org):
        pack = pack_request(assessment=start(org, subscribed, member), by=member)
    assert status_of(pack).status == PackStatus.QUEUED

    broker(os.environ["REDIS_URL"])
    # Packs have their own queue (and worker in production); this worker takes both.
    queues = ["celery", "packs"]
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=10, queues=queues):
        later = timezone.now() + PACK_RESEND_AFTER + timedelta(seconds=1)
        assert pack_recover_stalled(now=later)["resent"] == 1
        deadline = time.monotonic() + 60
        while status_of(pack).status != PackStatus.READY and time.monotonic() < deadline:
            time.sleep(0.2)
    assert pack.status == PackStatus.READY and pack.attempts == 1
