"""Gunicorn settings for every deployment (Procfile, Dockerfile, docker-compose.yml).

- Threaded workers (gthread): a client that sends its request slowly holds one thread, not a
  whole worker, so a few half-sent requests cannot stall the site as they did with sync workers
  (tests/test_gunicorn_stack.py shows it). Put a buffering proxy in front for more.
- The access log goes through core.gunicorn_logging.RedactingLogger: secret link tokens are
  cut out of paths, queries and referrers.
- X-Forwarded-* headers are believed only when TRUSTED_PROXY_COUNT says a proxy is in front,
  and then only from FORWARDED_ALLOW_IPS (the proxy's address).
"""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Bound what a client may send before Django sees it (see also DATA_UPLOAD_MAX_MEMORY_SIZE and
# core.request_safeguards.RequestSizeLimitMiddleware, which refuses large bodies unread).
limit_request_line = 4094
limit_request_fields = 100

accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
logger_class = "core.gunicorn_logging.RedactingLogger"

if int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""  # nobody: X-Forwarded-Proto from a client is ignored


def child_exit(server: object, worker: object) -> None:
    """A dead worker's live gauges leave /metrics (prometheus_client's multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
