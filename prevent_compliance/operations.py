"""Operations settings: log format, error reports to Sentry, the metrics endpoint's token.

Read by settings.py; kept apart so each file stays short. Only the environment is read here.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", default=False)

# Production logs are one JSON object per line (time, level, logger, message, and the traceback
# when there is one) for a log shipper to read; development and tests keep the plain line.
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    # Secret link tokens are cut out of every message (e.g. django.request's "Not Found: /q/...").
    "filters": {"redact_secrets": {"()": "core.redaction.RedactSecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # runserver's request lines, through the same redacting handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Error reports go to Sentry only when SENTRY_DSN is set (core.errors says what is left out).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from core.errors import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
        release=env_str("SENTRY_RELEASE"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
# Prometheus metrics at /metrics for a scraper sending "Authorization: Bearer <this>"; unset, the
# endpoint answers 404 to everyone (core.metrics).
METRICS_TOKEN = env_str("METRICS_TOKEN")

__all__ = ["LOGGING", "LOG_FORMAT", "METRICS_TOKEN", "SENTRY_DSN"]
