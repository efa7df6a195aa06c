"""CivicDesk settings: one module, every value from the environment.

With nothing set, CivicDesk runs embedded: an SQLite file under ``var/``, an
in-process cache and tasks run inline, so ``make demo`` needs no services.
Production (``CIVICDESK_PRODUCTION=1``) requires a real secret and hosts and
turns on every transport-security setting; see docs/operations.md.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from civicdesk.env import ImproperEnvironment, env_bool, env_int, env_list, env_str

# Django's generic classes subscriptable at run time (admin.ModelAdmin[Case]), as mypy strict wants.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CIVICDESK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool("CIVICDESK_PRODUCTION", False)
DEBUG = env_bool("CIVICDESK_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperEnvironment("CIVICDESK_DEBUG cannot be on with CIVICDESK_PRODUCTION")


def _embedded_secret_key() -> str:
    """A per-install key kept in var/, so sessions survive restarts of the embedded app."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("CIVICDESK_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperEnvironment("CIVICDESK_SECRET_KEY (or CIVICDESK_SECRET_KEY_FILE) is required")
    SECRET_KEY = _embedded_secret_key()

ALLOWED_HOSTS = env_list("CIVICDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not env_list("CIVICDESK_ALLOWED_HOSTS"):
    raise ImproperEnvironment("CIVICDESK_ALLOWED_HOSTS is required in production")
CSRF_TRUSTED_ORIGINS = env_list("CIVICDESK_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("CIVICDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_rq",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "organisations",
    "accounts",
    "residents",
    "calendars",
    "catalogue",
    "cases",
    "knowledge",
    "bookings",
    "notifications",
    "messaging",
    "portal",
    "workspace",
    "open311",
    "api",
    "demo",
    "insights",
    "coaching",
    "bench",
    "bre",
    "privacy",
    "alerts",
    "payments",
    "rootcauses",
    "audit",
    "surveys",
    "engagement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.context.AuditContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.mfa.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.protection.KnownDeviceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "civicdesk.urls"
WSGI_APPLICATION = "civicdesk.wsgi.application"
ASGI_APPLICATION = "civicdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notices",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite (the embedded default, or a sqlite:// DATABASE_URL for generate_city and
# bench): WAL lets readers proceed while one writer writes; IMMEDIATE transactions
# take the write lock up front so concurrent writers queue on busy_timeout instead
# of failing with "database is locked" mid-transaction.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA cache_size=-64000;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("CIVICDESK_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = {
            **SQLITE_OPTIONS,
            **DATABASES["default"].get("OPTIONS", {}),
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "civicdesk.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background tasks -------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# "immediate" runs tasks inline (embedded default, no worker needed); "redis" queues
# them in Redis for `manage.py rqworker default` processes (the default when REDIS_URL
# is set); "database" queues them in the database for `manage.py db_worker`.
TASKS_BACKEND = env_str("CIVICDESK_TASKS_BACKEND", "redis" if REDIS_URL else "immediate")
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperEnvironment(f"CIVICDESK_TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
if TASKS_BACKEND == "redis" and not REDIS_URL:
    raise ImproperEnvironment("CIVICDESK_TASKS_BACKEND=redis needs REDIS_URL")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
# django-rq's queue for the "redis" backend (CIVICDESK_RQ_URL keeps jobs in a Redis
# database of their own).
RQ_QUEUES = {
    "default": {"URL": env_str("CIVICDESK_RQ_URL", REDIS_URL or "redis://127.0.0.1:6379/1")}
}

# Periodic tasks (core/scheduler.py, `manage.py run_scheduler`): dotted path → seconds.
PERIODIC_TASKS = {
    "notifications.tasks.send_due_soon_notices_task": env_int("CIVICDESK_DUE_SOON_EVERY", 300),
    # The case outbox (cases/outbox.py): how often the worker looks for due messages.
    "notifications.tasks.deliver_outbox_task": env_int("CIVICDESK_OUTBOX_EVERY", 5),
    "insights.tasks.refresh_insights_task": env_int("CIVICDESK_INSIGHTS_REFRESH_EVERY", 600),
    # Queued Open311 intake (open311/intake.py): how long a queued request may wait.
    "open311.tasks.file_queued_requests_task": env_int("CIVICDESK_OPEN311_FILE_EVERY", 5),
    # Retention (privacy/): anonymise closed cases past their service's period.
    "privacy.tasks.apply_retention_task": env_int("CIVICDESK_RETENTION_EVERY", 86400),
    # Area alerts (alerts/): each confirmed alert gets at most one digest a day.
    "alerts.tasks.send_area_digests_task": env_int("CIVICDESK_AREA_ALERTS_EVERY", 3600),
    # Bookings: the day-before reminder, by the resident's channel (the case outbox).
    "bookings.tasks.send_booking_reminders_task": env_int("CIVICDESK_BOOKING_REMINDERS_EVERY", 900),
    # Payments (payments/): unpaid holds released when their time runs out.
    "payments.tasks.expire_unpaid_payments_task": env_int("CIVICDESK_PAYMENTS_EXPIRE_EVERY", 60),
    # Root causes (rootcauses/): spikes, hot spots, repeat contacts, practical drift.
    "rootcauses.tasks.refresh_root_causes_task": env_int("CIVICDESK_ROOT_CAUSES_EVERY", 3600),
    # Idempotent intake (core/idempotency.py): forget expired keys.
    "core.tasks.purge_idempotency_keys_task": env_int("CIVICDESK_IDEMPOTENCY_PURGE_EVERY", 3600),
}
# How long an Idempotency-Key is remembered, and the window in which an identical
# body from the same client without a key counts as a repeat (0 turns it off).
IDEMPOTENCY_KEY_SECONDS = env_int("CIVICDESK_IDEMPOTENCY_KEY_SECONDS", 86400)
IDEMPOTENCY_DUPLICATE_SECONDS = env_int("CIVICDESK_IDEMPOTENCY_DUPLICATE_SECONDS", 60)

# --- Auth -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.protection.AccountProtectionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock an account+address pair out for an hour after 5 failures (NIST 800-63B 5.2.2).
AXES_FAILURE_LIMIT = env_int("CIVICDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Across every address: past this many failures in the cool-off window an account
# signs in only from browsers its owner used before (accounts/protection.py).
ACCOUNT_FAILURE_LIMIT = env_int("CIVICDESK_ACCOUNT_FAILURE_LIMIT", 20)
# The client's address behind the reverse proxies we trust (core/clientaddr.py),
# for axes and the rate limiter alike: a number of proxies, or their CIDRs.
TRUSTED_PROXIES = env_list("CIVICDESK_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "core.clientaddr.axes_client_ip"
LOGIN_URL = "workspace:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # NIST 800-63B 5.1.1.2: refuse passwords known from breaches (offline list, no network).
    {"NAME": "workspace.passwords.BreachedPasswordValidator"},
    {"NAME": "accounts.hashers.MaximumLengthValidator"},
]
# NFKC-normalised PBKDF2 (accounts/hashers.py); the others verify older hashes.
PASSWORD_HASHERS = [
    "accounts.hashers.NormalisedPBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Staff two-step sign-in (accounts/mfa.py): roles that must use it. Production
# default: administrators and department admins; the embedded demo asks no one,
# so `make demo` signs in with a password alone (anyone may still set it up).
MFA_REQUIRED_ROLES = env_list(
    "CIVICDESK_MFA_REQUIRED_ROLES", ["administrator", "department_admin"] if PRODUCTION else []
)
OTP_TOTP_ISSUER = env_str("CIVICDESK_OTP_ISSUER", "CivicDesk")
# Forgotten passwords (accounts/password_reset.py): staff links last an hour, residents'
# Django's three days; requests per client address and emails per account, per hour.
STAFF_PASSWORD_RESET_TIMEOUT = env_int("CIVICDESK_STAFF_PASSWORD_RESET_TIMEOUT", 3600)
PASSWORD_RESETS_PER_ADDRESS = env_int("CIVICDESK_PASSWORD_RESETS_PER_ADDRESS", 5)
PASSWORD_RESETS_PER_ACCOUNT = env_int("CIVICDESK_PASSWORD_RESETS_PER_ACCOUNT", 3)
# The audit trail (audit/): services whose case views are recorded (codes; * for all).
AUDIT_SENSITIVE_SERVICES = env_list("CIVICDESK_AUDIT_SENSITIVE_SERVICES")
# Passkeys (accounts/passkeys.py): the relying party ID (the site's host, or a parent
# domain) and the origins the browser may report. Unset: the host the request came to.
WEBAUTHN_RP_ID = env_str("CIVICDESK_WEBAUTHN_RP_ID")
WEBAUTHN_ORIGINS = env_list("CIVICDESK_WEBAUTHN_ORIGINS")

# --- Languages and time ----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Stored in UTC; every jurisdiction shows and computes in its own time zone.
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("CIVICDESK_MEDIA_ROOT", str(VAR_DIR / "media")))
# Case photos are never served by URL: views check the viewer (cases/media.py). In
# production the front server may send the bytes: nginx (X-Accel-Redirect to an
# internal location at MEDIA_ACCEL_PREFIX) or apache (X-Sendfile); none streams them.
MEDIA_ACCEL = env_str("CIVICDESK_MEDIA_ACCEL", "none")
if MEDIA_ACCEL not in ("none", "nginx", "apache"):
    raise ImproperEnvironment("CIVICDESK_MEDIA_ACCEL must be none, nginx or apache")
MEDIA_ACCEL_PREFIX = env_str("CIVICDESK_MEDIA_ACCEL_PREFIX", "/protected-media/")
# Where uploads are kept: local (MEDIA_ROOT) or s3 (any S3-compatible store through
# django-storages, private objects; see docs/operations.md).
MEDIA_STORAGE = env_str("CIVICDESK_MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "local":
    _MEDIA_BACKEND: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    _MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("CIVICDESK_S3_BUCKET"),
            "endpoint_url": env_str("CIVICDESK_S3_ENDPOINT_URL") or None,
            "region_name": env_str("CIVICDESK_S3_REGION") or None,
            "access_key": env_str("CIVICDESK_S3_ACCESS_KEY_ID"),
            "secret_key": env_str("CIVICDESK_S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not env_str("CIVICDESK_S3_BUCKET"):
        raise ImproperEnvironment("CIVICDESK_S3_BUCKET is required with CIVICDESK_MEDIA_STORAGE=s3")
else:
    raise ImproperEnvironment("CIVICDESK_MEDIA_STORAGE must be local or s3")
STORAGES = {
    "default": _MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Email --------------------------------------------------------------------------
# Django 6.1 mailers. Embedded default prints mail to the console; production
# (or CIVICDESK_EMAIL_HOST) sends through SMTP.
_EMAIL_HOST = env_str("CIVICDESK_EMAIL_HOST")
if _EMAIL_HOST or PRODUCTION:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST or "127.0.0.1",
                "port": env_int("CIVICDESK_EMAIL_PORT", 25),
                "username": env_str("CIVICDESK_EMAIL_USER"),
                "password": env_str("CIVICDESK_EMAIL_PASSWORD"),
                "use_tls": env_bool("CIVICDESK_EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("CIVICDESK_FROM_EMAIL", "CivicDesk <civicdesk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Map tiles (the request form's pin, the public map): a URL template the city's tile
# server answers, e.g. https://tiles.example.gov/{z}/{x}/{y}.png; empty: no tiles (the
# pages keep their list and static outline). Its origin is allowed in the CSP.
MAP_TILES = env_str("CIVICDESK_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env_str("CIVICDESK_MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
MAP_TILE_ORIGINS = (
    ["/".join(MAP_TILES.split("/")[:3])] if MAP_TILES.startswith(("https://", "http://")) else []
)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MAP_TILE_ORIGINS],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("CIVICDESK_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("CIVICDESK_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CIVICDESK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("CIVICDESK_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CIVICDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every run of every task at INFO: the scheduler starts one every few seconds.
        "django.tasks": {"level": env_str("CIVICDESK_TASKS_LOG_LEVEL", "WARNING")},
    },
}

# --- Per-app settings ---------------------------------------------------------------
# Each domain app keeps its own settings in its own block below.

# portal / knowledge / bookings
PORTAL_SUBMISSIONS_PER_HOUR = env_int("CIVICDESK_PORTAL_SUBMISSIONS_PER_HOUR", 20)
PORTAL_SIGN_UPS_PER_HOUR = env_int("CIVICDESK_PORTAL_SIGN_UPS_PER_HOUR", 10)
PORTAL_JURISDICTION = env_str("CIVICDESK_PORTAL_JURISDICTION")  # jurisdiction_id; empty: the first
PORTAL_TRACK_ATTEMPTS_PER_HOUR = env_int("CIVICDESK_PORTAL_TRACK_ATTEMPTS_PER_HOUR", 30)
PORTAL_MAX_PHOTO_BYTES = env_int("CIVICDESK_PORTAL_MAX_PHOTO_BYTES", 8 * 2**20)
PORTAL_MAP_CENTER = env_str("CIVICDESK_PORTAL_MAP_CENTER", "40.7128,-74.0060")  # "lat,long"
PORTAL_KIOSK_SESSION_SECONDS = env_int("CIVICDESK_PORTAL_KIOSK_SESSION_SECONDS", 300)
PORTAL_KIOSK_IDLE_SECONDS = env_int("CIVICDESK_PORTAL_KIOSK_IDLE_SECONDS", 90)

# workspace / notifications
WORKSPACE_QUEUE_PAGE_SIZE = env_int("CIVICDESK_WORKSPACE_QUEUE_PAGE_SIZE", 25)
# "Due soon" notices go out this many business hours before a resolution promise.
NOTIFICATIONS_DUE_SOON_BUSINESS_HOURS = env_int("CIVICDESK_DUE_SOON_BUSINESS_HOURS", 4)
# The case outbox (docs/decisions/0004-case-outbox.md). A message waits this long after
# the resident's newest event so close events go as one (0: send at commit).
OUTBOX_COALESCE_SECONDS = env_int("CIVICDESK_OUTBOX_COALESCE_SECONDS", 10)
OUTBOX_MAX_ATTEMPTS = env_int("CIVICDESK_OUTBOX_MAX_ATTEMPTS", 6)  # 1 + 5 retries over ~9 h
OUTBOX_LEASE_SECONDS = env_int("CIVICDESK_OUTBOX_LEASE_SECONDS", 600)  # a send stuck this long
OUTBOX_MAX_AGE_SECONDS = env_int("CIVICDESK_OUTBOX_MAX_AGE_SECONDS", 86400)  # older: no news
OUTBOX_DELIVERY_TASK = "notifications.tasks.deliver_outbox_task"

# surveys: how long a satisfaction survey (its link, its SMS reply) stays open.
SURVEYS_OPEN_DAYS = env_int("CIVICDESK_SURVEYS_OPEN_DAYS", 14)

# open311 / api (see docs/open311.md and docs/api.md)
OPEN311_ANONYMOUS_REQUESTS_PER_HOUR = env_int("CIVICDESK_OPEN311_ANONYMOUS_PER_HOUR", 3600)
OPEN311_CONTACT = env_str("CIVICDESK_OPEN311_CONTACT")
OPEN311_KEY_SERVICE = env_str(
    "CIVICDESK_OPEN311_KEY_SERVICE", "Ask the city's CivicDesk administrator for an api_key."
)
API_TOKEN_REQUESTS_PER_HOUR = env_int("CIVICDESK_API_TOKEN_REQUESTS_PER_HOUR", 3600)
# django-ninja as an app only to serve its bundled Swagger UI files (no CDN) at /api/v1/docs.
INSTALLED_APPS += ["ninja"]

# coaching: folders with a city's own reply-coach rules (common.toml, en.toml, es.toml;
# docs/coaching.md), added to the built-in ones.
COACHING_STANDARDS_DIRS = env_list("CIVICDESK_COACHING_STANDARDS_DIRS")

# messaging (email, SMS, social channels; see docs/channels.md)
# Right-hand side of our Message-IDs; empty: the SITE_URL host name.
MESSAGING_EMAIL_DOMAIN = env_str("CIVICDESK_MESSAGE_ID_DOMAIN")
MESSAGING_EMAIL_DEFAULT_SERVICE = env_str("CIVICDESK_EMAIL_DEFAULT_SERVICE", "general-enquiry")
MESSAGING_EMAIL_MAX_BYTES = env_int("CIVICDESK_EMAIL_MAX_BYTES", 25 * 1024 * 1024)
MESSAGING_EMAIL_MAX_ATTACHMENT_BYTES = env_int("CIVICDESK_EMAIL_MAX_ATTACHMENT_BYTES", 10 * 2**20)
# Our mail server's authserv-id in Authentication-Results (RFC 8601), e.g. mx.riverton.gov:
# only its verdicts count (the MTA must strip headers claiming it). Empty: the topmost.
MESSAGING_EMAIL_AUTHSERV_ID = env_str("CIVICDESK_EMAIL_AUTHSERV_ID", "")
# Files kept from one message; the rest are named in an internal note.
MESSAGING_EMAIL_MAX_ATTACHMENTS = env_int("CIVICDESK_EMAIL_MAX_ATTACHMENTS", 10)
MESSAGING_EMAIL_NEW_CASES_PER_HOUR = env_int("CIVICDESK_EMAIL_NEW_CASES_PER_HOUR", 5)
MESSAGING_EMAIL_ACKNOWLEDGE = env_bool("CIVICDESK_EMAIL_ACKNOWLEDGE", True)
MESSAGING_IMAP_HOST = env_str("CIVICDESK_IMAP_HOST")
MESSAGING_IMAP_PORT = env_int("CIVICDESK_IMAP_PORT", 993)
MESSAGING_IMAP_SSL = env_bool("CIVICDESK_IMAP_SSL", True)
MESSAGING_IMAP_USER = env_str("CIVICDESK_IMAP_USER")
MESSAGING_IMAP_PASSWORD = env_str("CIVICDESK_IMAP_PASSWORD")
MESSAGING_IMAP_FOLDER = env_str("CIVICDESK_IMAP_FOLDER", "INBOX")
if MESSAGING_IMAP_HOST:
    PERIODIC_TASKS["messaging.tasks.poll_imap_task"] = env_int("CIVICDESK_IMAP_POLL_EVERY", 60)
MESSAGING_SMS_PROVIDER = env_str("CIVICDESK_SMS_PROVIDER", "twilio" if PRODUCTION else "console")
MESSAGING_TWILIO_ACCOUNT_SID = env_str("CIVICDESK_TWILIO_ACCOUNT_SID")
MESSAGING_TWILIO_AUTH_TOKEN = env_str("CIVICDESK_TWILIO_AUTH_TOKEN")
MESSAGING_TWILIO_FROM = env_str("CIVICDESK_TWILIO_FROM")
# WhatsApp through Twilio's WhatsApp API (same account and auth token as SMS).
MESSAGING_WHATSAPP_PROVIDER = env_str(
    "CIVICDESK_WHATSAPP_PROVIDER", "twilio" if PRODUCTION else "console"
)
MESSAGING_WHATSAPP_FROM = env_str("CIVICDESK_WHATSAPP_FROM")
# Approved "update on your request" templates (Twilio Content SIDs) per language,
# for messages outside WhatsApp's 24-hour window; Spanish falls back to English.
MESSAGING_WHATSAPP_TEMPLATE_SIDS = {
    "en": env_str("CIVICDESK_WHATSAPP_TEMPLATE_SID"),
    "es": env_str("CIVICDESK_WHATSAPP_TEMPLATE_SID_ES"),
}
MESSAGING_SOCIAL_SECRET = env_str("CIVICDESK_SOCIAL_WEBHOOK_SECRET")
MESSAGING_SOCIAL_PROVIDER = env_str("CIVICDESK_SOCIAL_PROVIDER", "console")
MESSAGING_SOCIAL_MAX_SKEW_SECONDS = env_int("CIVICDESK_SOCIAL_MAX_SKEW_SECONDS", 300)
MESSAGING_OUTBOX_DIR = VAR_DIR / "outbox"
# Live chat (Django Channels; see docs/channels.md). Daphne first, as channels asks,
# so `manage.py runserver` serves the ASGI application and its WebSockets.
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]
# "memory": one process (embedded, runserver); "redis": several web processes
# share one layer, so a reply written in one reaches a socket held by another.
MESSAGING_CHAT_LAYER = env_str("CIVICDESK_CHAT_LAYER", "redis" if REDIS_URL else "memory")
if MESSAGING_CHAT_LAYER == "redis":
    if not REDIS_URL:
        raise ImproperEnvironment("CIVICDESK_CHAT_LAYER=redis needs REDIS_URL")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "civicdesk"},
        }
    }
elif MESSAGING_CHAT_LAYER == "memory":
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
else:
    raise ImproperEnvironment("CIVICDESK_CHAT_LAYER must be 'memory' or 'redis'")
MESSAGING_CHAT_MESSAGES_PER_MINUTE = env_int("CIVICDESK_CHAT_MESSAGES_PER_MINUTE", 20)
# Staff count as on hand to chat while their panel's heartbeat is this fresh.
MESSAGING_CHAT_PRESENCE_SECONDS = env_int("CIVICDESK_CHAT_PRESENCE_SECONDS", 90)

# payments (docs/payments.md): "demo" takes no money (make demo, development); "stripe"
# uses Stripe Checkout and its signed webhook at /payments/webhooks/stripe/.
PAYMENTS_PROVIDER = env_str("CIVICDESK_PAYMENTS_PROVIDER", "demo")
PAYMENTS_STRIPE_SECRET_KEY = env_str("CIVICDESK_STRIPE_SECRET_KEY")
PAYMENTS_STRIPE_WEBHOOK_SECRET = env_str("CIVICDESK_STRIPE_WEBHOOK_SECRET")
# Only for tests and local stand-ins of Stripe's API; empty: Stripe itself.
PAYMENTS_STRIPE_API_BASE = env_str("CIVICDESK_STRIPE_API_BASE")
# How long a bill's checkout stays open, in days.
PAYMENTS_BILL_CHECKOUT_DAYS = env_int("CIVICDESK_PAYMENTS_BILL_CHECKOUT_DAYS", 1)
# engagement: residents as partners (docs/engagement.md)
# "Already reported nearby": open cases of the same (or, by group, a related) service
# within this many metres and reported in the last this many days.
ENGAGEMENT_DUPLICATE_RADIUS_M = env_int("CIVICDESK_DUPLICATE_RADIUS_M", 100)
ENGAGEMENT_DUPLICATE_MAX_AGE_DAYS = env_int("CIVICDESK_DUPLICATE_MAX_AGE_DAYS", 60)
ENGAGEMENT_DUPLICATES_BY_GROUP = env_bool("CIVICDESK_DUPLICATES_BY_GROUP", True)
# The public map: resolved cases stay this many days; locations rounded to these decimals.
ENGAGEMENT_MAP_RESOLVED_DAYS = env_int("CIVICDESK_MAP_RESOLVED_DAYS", 30)
ENGAGEMENT_PUBLIC_DECIMALS = env_int("CIVICDESK_MAP_PUBLIC_DECIMALS", 3)
ENGAGEMENT_PRIVATE_SERVICES = env_list("CIVICDESK_MAP_PRIVATE_SERVICES")  # service codes
ENGAGEMENT_MAP_PAGE_SIZE = env_int("CIVICDESK_MAP_PAGE_SIZE", 25)
# "Me too": at this many affected residents the priority goes up one level (0: never).
ENGAGEMENT_ME_TOO_PRIORITY_AT = env_int("CIVICDESK_ME_TOO_PRIORITY_AT", 5)
# "Still not fixed": possible this many days after resolution; within the first
# ENGAGEMENT_REOPEN_DAYS the case reopens, later a linked new case opens.
ENGAGEMENT_NOT_FIXED_DAYS = env_int("CIVICDESK_NOT_FIXED_DAYS", 30)
ENGAGEMENT_REOPEN_DAYS = env_int("CIVICDESK_NOT_FIXED_REOPEN_DAYS", 7)
