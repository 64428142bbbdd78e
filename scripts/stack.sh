#!/usr/bin/env bash
# Production-like processes from the Procfile (gunicorn web, a Celery worker for the default queue,
# one for the packs queue, and beat), against the local PostgreSQL and Redis, for machines without
# Docker. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/prevent_compliance}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG="${DEBUG:-false}"
export SECRET_KEY="${SECRET_KEY:-local-stack-only-$(hostname)-not-for-production-use-0123456789}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:8000}"
# Packs are signed with a development certificate (.pack-signing-dev/) unless one is given.
export PACK_SIGNING_DEV="${PACK_SIGNING_DEV:-true}"
# No TLS on a developer's machine: serve plain HTTP with cookies that work over it.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SECURE_COOKIES="${SECURE_COOKIES:-false}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"

# Prometheus metrics from every process (gunicorn's workers, the Celery workers) are added up at
# /metrics from the files each writes here; emptied at each start (core.metrics).
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$PWD/.prometheus-multiproc}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

BIN=.venv/bin
export PATH="$PWD/$BIN:$PATH"  # the Procfile runs gunicorn and celery from the virtualenv
db_name="${DATABASE_URL##*/}"
if [[ "$DATABASE_URL" == postgres* ]] && command -v psql >/dev/null; then
  psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" | grep -q 1 \
    || psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE \"${db_name}\""
fi
$BIN/python manage.py migrate --noinput
$BIN/python manage.py createcachetable
$BIN/python manage.py collectstatic --noinput --verbosity 0
if [[ "${SEED_DEMO:-true}" == "true" ]]; then
  $BIN/python manage.py seed_demo --force
fi
exec $BIN/honcho start -f Procfile
