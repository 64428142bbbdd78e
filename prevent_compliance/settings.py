"""Settings for every environment, read from environment variables (see .env.example).

With nothing configured the app runs on SQLite with in-process (eager) tasks, which is what a
newcomer's `make run` gets. Set DATABASE_URL and REDIS_URL for PostgreSQL, Redis and Celery.
"""

from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.contrib.messages import constants as message_constants

from core.db import postgres_timeout_options

from .env import env_bool, env_int, env_list, env_str
from .media_storage import media_storage
from .sqlite import sqlite_options

# Django's generic classes (admin.TabularInline[Model, Parent], forms.ModelChoiceField[Model])
# can then be subscripted in class definitions, as the type checker reads them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Single sign-on (sso): allauth's providers, each organisation's app built by sso.adapter.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "guardian",
    "simple_history",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our apps, lowest layer first (see docs/architecture.md).
    "core",
    "accounts",
    "tenancy",
    "imports",
    "sso",
    "evidence",
    "frameworks",
    "assessments",
    "actionplans",
    "subcontractors",
    "registers",
    "training",
    "filtering",
    "partners",
    "referrals",
    "reviewcalendar",
    "reminders",
    "portfolio",
    "reporting",
    "api",
    "search",
    "demo",
]

MIDDLEWARE = [
    "core.metrics.MetricsMiddleware",  # first, so it times the whole stack
    "django.middleware.security.SecurityMiddleware",
    "core.request_safeguards.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.request_safeguards.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session and before CommonMiddleware (Django's rule): the browser's
    # Accept-Language picks English or Welsh for visitors who are not signed in.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's own choice of language (accounts.User.language) wins over the browser's.
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.NulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tenancy.mfa.RequireMFAMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees a view's database errors first: a database that is down or too slow
    # gives the branded 503 page.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "prevent_compliance.urls"
WSGI_APPLICATION = "prevent_compliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenancy.context_processors.navigation",
                "reminders.context_processors.unread_notifications",
            ],
        },
    }
]

# Django's form renderer, with the commonest widget templates written out in Python (the same
# markup, several times quicker: core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FastRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = sqlite_options()  # writers queue instead of failing
# A sick database gives an answer in seconds, not a hang (core/db.py): PostgreSQL must accept a
# connection within DATABASE_CONNECT_TIMEOUT seconds and finish a statement within
# DATABASE_STATEMENT_TIMEOUT (0 turns that off, e.g. for one long migration).
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 15)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "core.postgresql"  # Django's, with a short health check
    DATABASES["default"]["OPTIONS"] = postgres_timeout_options(
        DATABASES["default"].get("OPTIONS", {}),
        connect_seconds=DATABASE_CONNECT_TIMEOUT,
        statement_seconds=DATABASE_STATEMENT_TIMEOUT,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every web process (allauth's login rate limits need that) and
# keeps working when Redis is down, so an outage of the broker never blocks logging in.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email login, mandatory verification, sign-up only through an invitation.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Prevent Compliance] "
# Explicit so the policy is visible; these are allauth's defaults (10 failures a minute per IP,
# 5 per 5 minutes per account).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)  # forwarded addresses
# Password sign-in, refused to members whose organisation signs in with single sign-on only.
ACCOUNT_FORMS = {"login": "sso.forms.LoginForm"}
MFA_ADAPTER = "tenancy.mfa.RequiredMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Prevent Compliance"
MFA_RECOVERY_CODES_SHOW_ONCE = True
# Key for encrypting TOTP secrets at rest; derived from SECRET_KEY when not set.
MFA_ENCRYPTION_KEY = env_str("MFA_ENCRYPTION_KEY")

# Single sign-on (sso): each organisation links its email domain to Microsoft Entra ID, Google
# Workspace or another OpenID Connect provider (sso.models.SsoConnection). Sign-in never creates
# an account (invitations do); it links an existing member's account on first use.
SOCIALACCOUNT_ADAPTER = "sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # sso.adapter links accounts itself, after its checks
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
SOCIALACCOUNT_PROVIDERS = {
    "microsoft": {"OAUTH_PKCE_ENABLED": True},
    "google": {"OAUTH_PKCE_ENABLED": True},
    "openid_connect": {"OAUTH_PKCE_ENABLED": True},
}
# Key for encrypting identity providers' client secrets at rest; derived from SECRET_KEY when
# not set (sso.crypto).
SSO_ENCRYPTION_KEY = env_str("SSO_ENCRYPTION_KEY")
# An "other OpenID Connect" issuer must be https://, except on this machine when this is on
# (development and the tests' local provider); off in production, so no one can point the
# server at its own local services.
SSO_ALLOW_LOCAL_ISSUER = env_bool("SSO_ALLOW_LOCAL_ISSUER", default=DEBUG)

# django-guardian: no anonymous user row (our custom user has no username to give it).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en-gb"
# The Prevent duty covers England and Wales: the interface is in English and Welsh. Each person
# chooses on their preferences page (accounts.User.language); the Welsh catalogue is
# locale/cy/LC_MESSAGES/django.po (CONTRIBUTING.md, "Translating into Welsh").
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Local disk (MEDIA_ROOT) unless MEDIA_S3_BUCKET names S3-compatible storage.
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

MESSAGE_TAGS = {message_constants.ERROR: "error"}

# Email: SMTP when EMAIL_HOST is set, otherwise printed to the console (development).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Prevent Compliance <no-reply@prevent.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis as broker when REDIS_URL is set; otherwise tasks run in-process after commit.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Evidence packs (WeasyPrint: seconds of CPU each) have their own queue and worker, so the
# reminder emails and everything else on the default queue never wait behind them.
CELERY_TASK_DEFAULT_QUEUE = "celery"
PACKS_QUEUE = "packs"
CELERY_TASK_ROUTES = {"reporting.tasks.generate_pack_task": {"queue": PACKS_QUEUE}}
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues must fail fast when Redis is down, not hang on the connection.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
    "max_retries": 0,
    "visibility_timeout": 60 * 60,
}
CELERY_BEAT_SCHEDULE_FILENAME = env_str(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(BASE_DIR / ".celerybeat-schedule")
)

# Content-Security-Policy: no inline scripts or styles anywhere, so it never has to be loosened.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The REST API: Django REST framework and its schema (prevent_compliance/api_settings.py).
from .api_settings import API_RATE_LIMIT, REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if not DEBUG:
    if TRUSTED_PROXY_COUNT:
        # Only behind a proxy that sets it; otherwise any client could claim HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    # Only for a production-like stack on a developer's machine, which has no TLS.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 7)
# Notifications older than this are deleted each night (reminders about open actions are kept).
NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 365)
# The evidence library: the largest file anyone may upload, and how many days before its
# "valid until" date an item is flagged as expiring soon.
EVIDENCE_MAX_UPLOAD_MB = env_int("EVIDENCE_MAX_UPLOAD_MB", 20)
# Request bodies over EVIDENCE_MAX_UPLOAD_MB + this are refused from Content-Length, unread
# (core.request_safeguards.RequestSizeLimitMiddleware); set the proxy's limit to the same sum.
REQUEST_BODY_SLACK_MB = env_int("REQUEST_BODY_SLACK_MB", 5)
EVIDENCE_EXPIRY_WARNING_DAYS = env_int("EVIDENCE_EXPIRY_WARNING_DAYS", 30)
# Subcontractor due diligence: how long a questionnaire link works, how long a subcontractor has
# to answer a review, and how many days before the due date its Prevent lead is chased.
SUBCONTRACTOR_LINK_DAYS = env_int("SUBCONTRACTOR_LINK_DAYS", 30)
SUBCONTRACTOR_REVIEW_DAYS = env_int("SUBCONTRACTOR_REVIEW_DAYS", 28)
SUBCONTRACTOR_CHASER_DAYS = [14, 3]
# What a questionnaire link (no account) may make us store, in total, per link and per review.
QUESTIONNAIRE_LINK_QUOTA_MB = env_int("QUESTIONNAIRE_LINK_QUOTA_MB", 40)
QUESTIONNAIRE_REVIEW_QUOTA_MB = env_int("QUESTIONNAIRE_REVIEW_QUOTA_MB", 80)
# Frameworks a newly onboarded provider subscribes to unless its account manager chooses others.
DEFAULT_FRAMEWORKS = env_list("DEFAULT_FRAMEWORKS", "prevent-fe-itp")
# Days an inspector's link to an evidence pack works unless the sender chooses otherwise.
PACK_SHARE_DAYS = env_int("PACK_SHARE_DAYS", 14)
# Evidence packs and their share links are deleted this long after they were made (the pack's
# row, hash and access log stay); superseded evidence files likewise (reporting.retention).
PACK_RETENTION_DAYS = env_int("PACK_RETENTION_DAYS", 365)
# Every copy of a pack that leaves the product is signed with the platform's certificate
# (reporting.signing; docs/pack-signing.md). The certificate, key and chain are each a file path
# or the PEM itself; the passphrase is never logged. PACK_SIGNING_PREVIOUS_CERTS lists earlier
# certificates whose copies the share page still recognises after a renewal. Without a
# certificate, PACK_SIGNING_DEV (on with DEBUG) makes a development one in PACK_SIGNING_DEV_DIR.
PACK_SIGNING_CERT = env_str("PACK_SIGNING_CERT")
PACK_SIGNING_KEY = env_str("PACK_SIGNING_KEY")
PACK_SIGNING_KEY_PASSPHRASE = env_str("PACK_SIGNING_KEY_PASSPHRASE")
PACK_SIGNING_CHAIN = env_str("PACK_SIGNING_CHAIN")
PACK_SIGNING_PREVIOUS_CERTS = env_str("PACK_SIGNING_PREVIOUS_CERTS")
PACK_SIGNING_DEV = env_bool("PACK_SIGNING_DEV", default=DEBUG)
PACK_SIGNING_DEV_DIR = env_str("PACK_SIGNING_DEV_DIR", str(BASE_DIR / ".pack-signing-dev"))
EVIDENCE_SUPERSEDED_RETENTION_DAYS = env_int("EVIDENCE_SUPERSEDED_RETENTION_DAYS", 365)
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "demo-pass-2026")

# Logs, error reports and metrics (prevent_compliance/operations.py).
from .operations import LOG_FORMAT, LOGGING, METRICS_TOKEN, SENTRY_DSN  # noqa: E402, F401
