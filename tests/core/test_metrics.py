"""Prometheus metrics at /metrics: never public, bounded labels, requests and tasks counted, queue
depth read from the real broker, and every process added up in multiprocess mode."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from celery import shared_task
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.parser import text_string_to_metric_families

from core.metrics import QueueDepthCollector
from tests.markers import needs_redis

TOKEN = "scraper-token-for-tests"
ROOT = Path(__file__).resolve().parents[2]


@shared_task(name="tests.core.failing_task")
def failing_task() -> None:
    raise RuntimeError("this task fails on purpose")


def _samples(client, name: str) -> dict[tuple, float]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    found: dict[tuple, float] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


@pytest.fixture
def scraper(settings):
    settings.METRICS_TOKEN = TOKEN


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_metrics_are_not_found_without_the_right_token(client, scraper, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get("/metrics", **extra).status_code == 404
    assert client.post("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404


def test_metrics_are_not_found_when_no_token_is_configured(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_requests_are_counted_by_url_name_never_by_path(client, scraper, db):
    healthz = (("method", "GET"), ("status", "200"), ("view", "healthz"))
    before = _samples(client, "prevent_http_requests_total").get(healthz, 0)
    client.get("/healthz")
    client.get("/healthz")
    client.get("/q/a-secret-questionnaire-token/")
    client.get("/no/such/page/9f1c2b/")
    after = _samples(client, "prevent_http_requests_total")
    assert after[healthz] == before + 2
    labels = {value for key in after for _, value in key}
    assert not any("secret" in value or "9f1c2b" in value for value in labels), labels
    assert any(dict(key)["view"] == "unresolved" for key in after)
    timed = _samples(client, "prevent_http_request_duration_seconds_count")
    assert timed[(("view", "healthz"),)] >= 2


def test_task_outcomes_and_durations_are_counted(client, scraper, db):
    success = (("outcome", "success"), ("task", "core.tasks.clear_expired_sessions_task"))
    failure = (("outcome", "failure"), ("task", "tests.core.failing_task"))
    before = _samples(client, "prevent_celery_tasks_total")
    from core.tasks import clear_expired_sessions_task

    clear_expired_sessions_task.apply()
    failing_task.apply()
    after = _samples(client, "prevent_celery_tasks_total")
    assert after[success] == before.get(success, 0) + 1
    assert after[failure] == before.get(failure, 0) + 1
    durations = _samples(client, "prevent_celery_task_duration_seconds_count")
    assert durations[(("task", "tests.core.failing_task"),)] >= 1


@pytest.mark.services
@needs_redis
def test_queue_depth_is_read_from_the_redis_broker():
    url = os.environ["REDIS_URL"]
    queue = "metrics-test-queue"
    connection = redis.Redis.from_url(url)
    connection.delete(queue)
    connection.rpush(queue, "a", "b", "c")
    try:
        families = list(QueueDepthCollector(lambda: [queue, "empty-queue"], lambda: url).collect())
    finally:
        connection.delete(queue)
    depths = {s.labels["queue"]: s.value for s in families[0].samples}
    assert depths == {queue: 3, "empty-queue": 0}


def test_a_broker_that_is_down_gives_no_samples_not_an_error():
    down = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    families = list(QueueDepthCollector(lambda: ["celery"], lambda: down).collect())
    assert families[0].samples == []
    in_memory = list(QueueDepthCollector(lambda: ["celery"], lambda: "memory://").collect())
    assert in_memory[0].samples == []


def test_multiprocess_mode_adds_up_every_process(tmp_path):
    script = (
        "from core.metrics import REQUESTS, TASKS\n"
        "REQUESTS.labels('healthz', 'GET', '200').inc(3)\n"
        "TASKS.labels('reporting.tasks.generate_pack_task', 'success').inc()\n"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):  # two processes, as two gunicorn workers would be
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=60)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(tmp_path))
    values = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in registry.collect()
        for s in family.samples
    }
    assert (
        values[
            (
                "prevent_http_requests_total",
                (("method", "GET"), ("status", "200"), ("view", "healthz")),
            )
        ]
        == 6
    )
    pack = (("outcome", "success"), ("task", "reporting.tasks.generate_pack_task"))
    assert values[("prevent_celery_tasks_total", pack)] == 2
