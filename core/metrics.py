"""Prometheus metrics: requests, task outcomes and durations (packs included), queue depth.

Served at /metrics to a scraper that sends `Authorization: Bearer $METRICS_TOKEN`; everyone else,
and everyone when METRICS_TOKEN is unset, gets a 404, so the endpoint is never public.

Labels are bounded: a request is labelled by its URL pattern's name (never its path, which holds
codes and tokens), a task by its registered name. With several processes (gunicorn's workers, the
Celery workers) set PROMETHEUS_MULTIPROC_DIR to a directory they share: each process writes its
own file there and the endpoint adds them up (prometheus_client's multiprocess mode).
"""

import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "prevent_http_requests_total",
    "HTTP requests answered, by URL name, method and status code.",
    ["view", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "prevent_http_request_duration_seconds",
    "Time to answer an HTTP request, by URL name.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASKS = Counter(
    "prevent_celery_tasks_total",
    "Celery tasks finished, by task name and outcome (success, failure, retry).",
    ["task", "outcome"],
)
TASK_SECONDS = Histogram(
    "prevent_celery_task_duration_seconds",
    "Time a Celery task ran, by task name (evidence packs: reporting.tasks.*pack*).",
    ["task"],
    buckets=(0.05, 0.25, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
UNRESOLVED = "unresolved"  # 404s and anything no URL pattern matched: one label, not one a path


class MetricsMiddleware:
    """Counts and times every request; first in MIDDLEWARE so it times the whole stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or UNRESOLVED
        REQUESTS.labels(view, request.method or "", str(response.status_code)).inc()
        REQUEST_SECONDS.labels(view).observe(time.perf_counter() - started)
        return response


_task_started: dict[str, float] = {}


def task_started(task_id: str | None = None, **_: Any) -> None:
    if task_id:
        _task_started[task_id] = time.perf_counter()


def task_finished(
    task_id: str | None = None, task: Any = None, state: str | None = None, **_: Any
) -> None:
    started = _task_started.pop(task_id or "", None)
    name = getattr(task, "name", None) or "unknown"
    if started is not None:
        TASK_SECONDS.labels(name).observe(time.perf_counter() - started)
    outcome = {"SUCCESS": "success", "RETRY": "retry"}.get(state or "", "failure")
    TASKS.labels(name, outcome).inc()


class QueueDepthCollector(Collector):
    """Messages waiting in each Celery queue, read from the Redis broker at scrape time."""

    def __init__(self, queues: Callable[[], Iterable[str]], broker_url: Callable[[], str]) -> None:
        self.queues = queues
        self.broker_url = broker_url

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "prevent_celery_queue_length", "Messages waiting in a Celery queue.", labels=["queue"]
        )
        url = self.broker_url()
        if url.startswith(("redis://", "rediss://")):
            depths = _redis_queue_lengths(url, list(self.queues()))
            for queue, depth in depths.items():
                gauge.add_metric([queue], depth)
        yield gauge


def _redis_queue_lengths(url: str, queues: list[str]) -> dict[str, int]:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        with client.pipeline() as pipe:
            for queue in queues:
                pipe.llen(queue)
            return dict(zip(queues, pipe.execute(), strict=True))
    except redis.RedisError:
        return {}  # a broker that is down shows as no samples, not as an error page


def _celery_queues() -> list[str]:
    return sorted({settings.CELERY_TASK_DEFAULT_QUEUE, settings.PACKS_QUEUE})


def _broker_url() -> str:
    return str(getattr(settings, "CELERY_BROKER_URL", "") or "")


QUEUE_DEPTH = QueueDepthCollector(_celery_queues, _broker_url)
REGISTRY.register(QUEUE_DEPTH)


def exposition() -> bytes:
    """The metrics text: this process's, or every process's in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(QUEUE_DEPTH)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
