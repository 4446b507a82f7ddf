"""Django settings for Sparrow, all read from the environment (see the README's table)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from saas.core.client_address import parse_trusted_proxies
from saas.environment import (
    REPO_ROOT,
    data_dir,
    development_secret_key,
    embedded_database_url,
    env_bool,
    media_dir,
    parallel_test_worker,
    parse_database_url,
    redis_url_for_worker,
    weak_secret_reason,
)

BASE_DIR = REPO_ROOT
SPARROW_ENV = os.environ.get("SPARROW_ENV", "development").strip().lower()
if SPARROW_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("SPARROW_ENV must be 'development' or 'production'.")
PRODUCTION = SPARROW_ENV == "production"
DEBUG = env_bool("DEBUG", default=False)
DATA_DIR: Path = data_dir()

# --- secrets and production safety -------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured(
            "Refusing to start: DEBUG is on in production. It would show tracebacks and "
            "settings to anyone. Unset DEBUG or set SPARROW_ENV=development."
        )
    reason = weak_secret_reason(SECRET_KEY)
    if reason:
        raise ImproperlyConfigured(f"Refusing to start in production: {reason}")
    if not os.environ.get("DATABASE_URL"):
        raise ImproperlyConfigured("Refusing to start in production without DATABASE_URL.")
elif not SECRET_KEY:
    SECRET_KEY = development_secret_key(DATA_DIR)

# --- hosts and tenancy ---------------------------------------------------------------------
SPARROW_BASE_DOMAIN = os.environ.get("SPARROW_BASE_DOMAIN", "localhost").strip().lower()
ALLOWED_HOSTS = [SPARROW_BASE_DOMAIN, f".{SPARROW_BASE_DOMAIN}", "testserver"]
if not PRODUCTION:
    ALLOWED_HOSTS += ["127.0.0.1", ".testserver"]
CSRF_TRUSTED_ORIGINS = [
    f"https://{SPARROW_BASE_DOMAIN}",
    f"https://*.{SPARROW_BASE_DOMAIN}",
    f"http://{SPARROW_BASE_DOMAIN}:*",
    f"http://*.{SPARROW_BASE_DOMAIN}:*",
]

SHARED_APPS = [
    "django_tenants",
    "daphne",
    "tenants",
    "tenants.billing",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "strawberry_django",
    "saas.core",
    "saas.accounts",
    # Jobs (saas/core/jobs.py): procrastinate's tables live in the public schema only.
    "procrastinate.contrib.django",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "saas.core",
    "saas.accounts",
    "saas.catalog",
    "saas.inventory",
    "saas.procurement",
    "saas.customers",
    "saas.sales",
    "saas.finance",
    "saas.shipping",
    "saas.notifications",
    "saas.partners",
    "saas.fieldsales",
    "saas.distribution",
    "saas.messaging",
    "saas.onboarding",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
# New tenants are cloned from this schema (or from a ready pool made from it); see
# tenants/provisioning.py. It is migrated like a tenant but belongs to nobody.
SPARROW_TEMPLATE_SCHEMA = "sparrow_template"
SPARROW_POOL_SIZE = int(os.environ.get("SPARROW_POOL_SIZE", "5"))
# The pool grows with the sign-up rate up to this many (tenants/provisioning.pool_target).
SPARROW_POOL_MAX = int(os.environ.get("SPARROW_POOL_MAX", "50"))
# "job": refill the pool in a job after a sign-up and every few minutes; "off": only on demand.
# "thread" was the name before jobs existed: it means "job" now.
_pool_refill = os.environ.get("SPARROW_POOL_REFILL", "job").strip().lower()
SPARROW_POOL_REFILL = "job" if _pool_refill == "thread" else _pool_refill
if SPARROW_POOL_REFILL not in {"job", "off"}:
    raise ImproperlyConfigured("SPARROW_POOL_REFILL must be 'job' or 'off'.")

PUBLIC_SCHEMA_URLCONF = "saas.urls_public"
ROOT_URLCONF = "saas.urls_tenant"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# Set search_path only when the schema changes, not before every query: halves round trips.
# Safe with the pool, since django-tenants forgets what it set whenever a connection is
# closed (returned to the pool) or a transaction rolls back.
TENANT_LIMIT_SET_CALLS = True

MIDDLEWARE = [
    "saas.health.HealthCheckMiddleware",
    "tenants.middleware.TenantHostMiddleware",
    "saas.core.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After sessions and the user are read: a read-only workspace's requests in read-only sessions.
    "saas.core.read_only.ReadOnlyWorkspaceMiddleware",
    "saas.core.language.LanguageMiddleware",
    "saas.core.request_guard.ControlCharacterGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "saas.observability.SentryScopeMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "saas" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = None
ASGI_APPLICATION = "saas.asgi.application"

# --- database ------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or embedded_database_url(DATA_DIR)
_db = parse_database_url(DATABASE_URL)
DATABASES = {
    "default": {
        "ENGINE": "django_tenants.postgresql_backend",
        "NAME": _db.name,
        "USER": _db.user,
        "PASSWORD": _db.password,
        "HOST": _db.host,
        "PORT": _db.port,
        # Under ASGI every request may run on another thread: no persistent connections,
        # a pool instead (session pooling only; transaction pooling breaks search_path).
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            **_db.options,
            **(
                {"pool": {"min_size": 1, "max_size": 20, "timeout": 10}}
                if env_bool("SPARROW_DB_POOL", True)
                else {}
            ),
        },
        "TEST": {"NAME": os.environ.get("SPARROW_TEST_DATABASE", f"test_{_db.name}")},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- jobs (procrastinate on the same PostgreSQL; saas/core/jobs.py) --------------------------
# A worker that has not reported for this long is presumed dead (killed, machine lost): its
# running jobs are queued again by the periodic recovery (saas/core/tasks.py).
SPARROW_JOBS_STALLED_SECONDS = max(2, int(os.environ.get("SPARROW_JOBS_STALLED_SECONDS", "60")))
# Finished jobs are kept this long for `sparrow jobs` and debugging, then removed.
SPARROW_JOBS_KEEP_HOURS = int(os.environ.get("SPARROW_JOBS_KEEP_HOURS", "72"))
# The queue of event fan-out jobs (saas/core/event_delivery.py): a worker may serve it alone.
SPARROW_EVENTS_QUEUE = os.environ.get("SPARROW_EVENTS_QUEUE", "events").strip() or "events"
PROCRASTINATE_WORKER_DEFAULTS = {
    # Four heartbeats or more fit in the stalled window: one slow beat never looks like a death.
    "update_heartbeat_interval": min(10.0, SPARROW_JOBS_STALLED_SECONDS / 4),
    "stalled_worker_timeout": float(SPARROW_JOBS_STALLED_SECONDS),
    # A new job wakes workers at once (LISTEN/NOTIFY), but a job held back by a lock (webhook
    # attempts queue per endpoint slot) is only looked at again on this poll: 5 s by default
    # left each queued delivery up to 5 s behind the one before it (make bench-partner).
    "fetch_job_polling_interval": float(os.environ.get("SPARROW_JOBS_POLL_SECONDS", "0.5")),
}

# --- cache and channel layer ---------------------------------------------------------------
REDIS_URL = redis_url_for_worker(os.environ.get("REDIS_URL", ""), parallel_test_worker())
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, or process memory while Redis is unreachable: sign-in never depends on it.
            "BACKEND": "saas.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # The tenant's schema is part of every key, so tenants never share an entry.
            "KEY_FUNCTION": "saas.core.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: a group message goes straight to the processes holding its sockets; an
            # outage refuses new sockets cleanly (saas/realtime/layers.py). Redis pub/sub ignores
            # the database number, so the prefix carries it: deployments (or test runs) sharing
            # one Redis on different databases never hear each other's messages.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_connect_timeout": 2}],
                "prefix": f"sparrow.{urlsplit(REDIS_URL).path.strip('/') or '0'}.",
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "saas.core.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- accounts and sessions -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["saas.accounts.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "saas.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/app/"
LOGOUT_REDIRECT_URL = "/login/"
# Session cookies stay on the tenant's own host: one workspace's cookie is never sent to another.
SESSION_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "saas.core.csrf.csrf_failure"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); empty: none,
# so a client's own header never moves a throttle. See saas/core/client_address.py.
SPARROW_TRUSTED_PROXIES = [
    str(network) for network in parse_trusted_proxies(os.environ.get("SPARROW_TRUSTED_PROXIES", ""))
]
SPARROW_LOGIN_MAX_FAILURES = int(os.environ.get("SPARROW_LOGIN_MAX_FAILURES", "5"))
SPARROW_LOGIN_LOCK_SECONDS = int(os.environ.get("SPARROW_LOGIN_LOCK_SECONDS", "900"))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    USE_X_FORWARDED_HOST = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# For the file backend (a directory of .eml files): tests that watch a worker's e-mail use it.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"Sparrow <no-reply@{SPARROW_BASE_DOMAIN}>")

# --- languages, time -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "sparrow_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "saas" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files (the H5 app shell is served from mobile_shell/ at /app/) -----------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # collectstatic fills it in production; WhiteNoise wants it to exist
STATICFILES_DIRS = [BASE_DIR / "saas" / "static"]
MOBILE_SHELL_DIR = BASE_DIR / "mobile_shell"
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = media_dir(DATA_DIR, parallel_test_worker())

# Content-Security-Policy (saas/core/csp.py): enforced unless this says report-only.
SPARROW_CSP_REPORT_ONLY = env_bool("SPARROW_CSP_REPORT_ONLY", False)

# --- request sizes ---------------------------------------------------------------------------
# Every HTTP body, uploads included, is capped before Django reads it (saas/core/body_limit.py):
# the largest legitimate one is a sign-back with its photos. Bodies that are not files
# (GraphQL documents, forms) keep Django's own 2.5 MB limit; both answer 413 request_too_large.
SPARROW_MAX_REQUEST_BYTES = int(os.environ.get("SPARROW_MAX_REQUEST_BYTES", str(48 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- GraphQL ---------------------------------------------------------------------------------
STRAWBERRY_DJANGO = {"MUTATIONS_DEFAULT_HANDLE_ERRORS": False}
SPARROW_GRAPHQL_MAX_DEPTH = 10
SPARROW_GRAPHQL_MAX_TOKENS = 2000
SPARROW_GRAPHQL_MAX_ALIASES = 15
# Query cost (saas/api/cost.py): a leaky bucket per caller, shared by every process through Redis
# (in memory without REDIS_URL). A partner key holds COST_CAPACITY points that drain back at
# COST_RATE per second; a person's session gets SESSION_FACTOR times as much, so a stolen
# cookie cannot flood either. One query may cost at most MAX_QUERY_COST.
SPARROW_API_COST_CAPACITY = int(os.environ.get("SPARROW_API_COST_CAPACITY", "2000"))
SPARROW_API_COST_RATE = float(os.environ.get("SPARROW_API_COST_RATE", "100"))
SPARROW_API_SESSION_FACTOR = int(os.environ.get("SPARROW_API_SESSION_FACTOR", "5"))
SPARROW_API_MAX_QUERY_COST = int(os.environ.get("SPARROW_API_MAX_QUERY_COST", "2000"))
# Off only to measure what the limits cost (make bench-partner); answers then carry no cost.
SPARROW_API_COST_LIMITS = env_bool("SPARROW_API_COST_LIMITS", True)

# --- partner webhooks (saas/partners) --------------------------------------------------------
# Endpoints on loopback, private, link-local or metadata addresses are refused in production
# (server-side request forgery); development allows them so a receiver on this machine works.
SPARROW_WEBHOOKS_ALLOW_PRIVATE = env_bool("SPARROW_WEBHOOKS_ALLOW_PRIVATE", not PRODUCTION)
SPARROW_WEBHOOKS_TIMEOUT_SECONDS = float(os.environ.get("SPARROW_WEBHOOKS_TIMEOUT_SECONDS", "10"))
# Deliveries in flight to one endpoint at a time, so one slow endpoint never starves the others.
SPARROW_WEBHOOKS_CONCURRENCY = int(os.environ.get("SPARROW_WEBHOOKS_CONCURRENCY", "2"))
# Consecutive failed attempts after which an endpoint is switched off (and probed again later).
SPARROW_WEBHOOKS_BREAKER_FAILURES = int(os.environ.get("SPARROW_WEBHOOKS_BREAKER_FAILURES", "15"))

# --- observability ---------------------------------------------------------------------------
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")

# --- billing (tenants/billing) ---------------------------------------------------------------
# "Stripe configured" means an API key is set; the embedded default has none (tenants stay on
# their trial and pay by bank transfer recorded by an operator). STRIPE_SECRET_KEY is the older name.
STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "") or os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com").rstrip("/")
# Tests point STRIPE_API_BASE at a local server speaking Stripe's protocol (tests/fakes/).
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))
# How far a webhook's signed timestamp may be from now (Stripe's libraries default to 300 s).
STRIPE_WEBHOOK_TOLERANCE_SECONDS = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE_SECONDS", "300"))
# An Alipay invoice's days to pay (Stripe's days_until_due): its dunning is this and reminders.
STRIPE_DAYS_UNTIL_DUE = int(os.environ.get("STRIPE_DAYS_UNTIL_DUE", "7"))
# A new workspace's free trial, the grace period of a failed payment before read-only, and how
# long a closed workspace keeps its export window before an operator may delete it.
SPARROW_TRIAL_DAYS = int(os.environ.get("SPARROW_TRIAL_DAYS", "14"))
SPARROW_BILLING_GRACE_DAYS = int(os.environ.get("SPARROW_BILLING_GRACE_DAYS", "7"))
SPARROW_CLOSED_RETENTION_DAYS = int(os.environ.get("SPARROW_CLOSED_RETENTION_DAYS", "30"))
# Shown on the billing page of a workspace without Stripe: where to send a bank transfer.
SPARROW_BANK_TRANSFER_TEXT = os.environ.get("SPARROW_BANK_TRANSFER_TEXT", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},
        # Job starts and successes are routine; failures are logged at ERROR by procrastinate.
        "procrastinate": {"level": "WARNING"},
    },
}

if SENTRY_DSN:
    from saas.observability import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=SPARROW_ENV)

# The e-mail is unique case-insensitively (a functional UniqueConstraint on Lower(email)),
# which this check cannot see.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
