"""Settings, read from environment variables only.

Two modes run the same code (DESIGN.md §3):

* ``LMS_ENV=embedded`` (the default): SQLite file, tasks run in-process, local-memory
  cache, email written to files in var/mail/. Nothing to install but Python.
* ``LMS_ENV=production``: every secret must be given; a missing one stops start-up.

``REDIS_URL`` switches Celery and the cache to Redis in either mode.
"""

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

LMS_ENV = env.str("LMS_ENV", default="embedded")
if LMS_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured(f"LMS_ENV must be 'embedded' or 'production', not {LMS_ENV!r}.")
PRODUCTION = LMS_ENV == "production"


def _required(name, what=""):
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production mode (LMS_ENV=production) refuses to start without it"
            + (f": {what}." if what else ".")
        )
    return value


def _site_url():
    """The public address every email link and certificate QR code is built on. In
    production it must be given: a default would send members to a local address."""
    what = ("the public address of the site, e.g. https://oqu.example.kz, that emails and "
            "certificate QR codes link to")
    if not PRODUCTION:
        return env.str("SITE_URL", default="http://127.0.0.1:8000")
    url = _required("SITE_URL", what)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"SITE_URL must be {what}, not {url!r}.")
    return url


def _embedded_secret_key():
    """A random key kept in var/ so embedded sessions survive a restart; never used in production."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    _required("DATABASE_URL")
    _required("REDIS_URL")
    ALLOWED_HOSTS = [host for host in _required("ALLOWED_HOSTS").split(",") if host]
    DEBUG = env.bool("DEBUG", default=False)
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
    # Off unless asked for (DEBUG=true): Django's debug pages list every URL pattern on a 404
    # and show tracebacks and settings on a 500, to anyone who can reach the port.
    DEBUG = env.bool("DEBUG", default=False)

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "lms",
    "content",
    "quizzes",
    "essays",
    "certificates",
    "reports",
    "motivation",
    "notifications",
    "api",
    "xapi",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_prometheus",
    "treebeard",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Demo and generated data (seed_demo, generate_union): last, as it imports every app above.
    "demo",
]

MIDDLEWARE = [
    # django-prometheus: its "before" middleware first and its "after" one last (its docs).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "lms.request_id.RequestIdMiddleware",
    # /healthz, /readyz and /metrics, answered before the host check and the HTTPS redirect.
    "lms.middleware.MachineEndpointsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lms.middleware.SessionLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Next to the views: cuts a streamed file to the byte range asked for (videos seek).
    "lms.byte_ranges.ByteRangeMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread",
                "lms.context_processors.menu",
            ],
            # {% lang_attr item %} in every template without a {% load %}: any page may
            # print a title in the other language (lms/templatetags/page_language.py).
            "builtins": ["lms.templatetags.page_language"],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lms.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Let writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "lms.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Languages -------------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
# Our catalogue first; locale_vendor/ adds Kazakh for django-allauth, which ships none.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
# Django has no Kazakh formats; ours are in lms/formats/kk.
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Files that no URL serves (certificate PDFs): views stream them after a permission check.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files on S3-compatible object storage (MinIO, Ceph, a cloud's) instead of
# MEDIA_ROOT, so several web and worker machines share them: set AWS_STORAGE_BUCKET_NAME,
# AWS_S3_ENDPOINT_URL (not for Amazon itself), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
# Unset, nothing changes. Keep the bucket private: images are then read through signed links
# that expire (AWS_QUERYSTRING_AUTH=false only for a bucket whose policy makes images/ and
# original_images/ public), documents are streamed by Wagtail's serve view after its check.
# Certificate PDFs never go to this bucket (certificates/storage.py): they stay under
# PRIVATE_MEDIA_ROOT, or go to a second bucket that no link reaches when
# AWS_PRIVATE_STORAGE_BUCKET_NAME is set (certificates/s3.py). See docs/OPERATIONS.md,
# "Growing past one machine".
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_PRIVATE_STORAGE_BUCKET_NAME = env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
MEDIA_ORIGINS = []  # where the browser fetches uploaded images and videos from, besides 'self'
if AWS_STORAGE_BUCKET_NAME or AWS_PRIVATE_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    AWS_S3_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
    AWS_S3_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
    # MinIO and most S3-compatible servers want bucket names in the path.
    AWS_S3_ADDRESSING_STYLE = env.str(
        "AWS_S3_ADDRESSING_STYLE", default="path" if AWS_S3_ENDPOINT_URL else "auto"
    )
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=True)
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=3600)
    AWS_DEFAULT_ACL = None  # the bucket's policy decides, never a public-read ACL per file
    # Two uploads of "report.pdf" get two names, as on the filesystem; never one overwritten.
    AWS_S3_FILE_OVERWRITE = False
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
        if AWS_S3_ADDRESSING_STYLE != "path":
            MEDIA_ORIGINS.append(f"{_endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_endpoint.netloc}")
    else:
        MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"] + (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"]
            if AWS_S3_REGION_NAME else []
        )
if AWS_PRIVATE_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "certificates.s3.PrivateS3Storage",
        "OPTIONS": {"bucket_name": AWS_PRIVATE_STORAGE_BUCKET_NAME, "querystring_auth": True},
    }
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns if it is missing
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache, tasks ----------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A dead Redis answers in a second, never hangs a request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Sessions read from Redis, written through to PostgreSQL: one query less per signed-in
    # page, and nobody is logged out when Redis restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# With Redis down, queueing a task gives up after about a second instead of holding the web
# request for twenty: the caller logs it and a periodic sweep does the work later.
_QUICK_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_TASK_PUBLISH_RETRY_POLICY = _QUICK_RETRY
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _QUICK_RETRY}
# Without Redis, tasks run in the calling process: the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# A task whose worker dies is delivered again: every task must be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With late acknowledgement, a task running when the broker connection is lost is
# redelivered; cancel it on the worker instead of letting it finish and run a second time
# (Celery's advice for acks_late; every task is idempotent either way).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Statements an earlier try could not deliver to the learning record store.
    "send-xapi-statements": {
        "task": "xapi.tasks.send_statements",
        "schedule": 60.0,
    },
    "clear-expired-sessions": {
        "task": "lms.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "close-expired-attempts": {
        "task": "quizzes.tasks.close_expired_attempts",
        "schedule": 60.0,
    },
    # Completions whose certificate task was lost (broker down, worker killed) are found here.
    "issue-missing-certificates": {
        "task": "certificates.tasks.issue_missing_certificates",
        "schedule": 10 * 60.0,
    },
    # Every quarter of an hour, so a "1 hour before the webinar" reminder is at most 15 min late.
    "sweep-reminders": {
        "task": "notifications.tasks.sweep_reminders",
        "schedule": 15 * 60.0,
    },
    # Badges: the completion and attendance signals award at once; this catches the rest
    # (a top score after completion, a rule added later, a task lost with the broker).
    "award-badges": {
        "task": "motivation.tasks.award_all_badges",
        "schedule": 60 * 60.0,
    },
    # A worker notes the time it ran this; /readyz wants it younger than
    # WORKER_HEARTBEAT_MAX_AGE (lms/health.py). One that waited a minute is dropped unrun.
    "worker-heartbeat": {
        "task": "lms.tasks.heartbeat",
        "schedule": 30.0,
        "options": {"expires": 60, "ignore_result": True},
    },
}

# --- Health, readiness, metrics (lms/health.py, lms/metrics.py) ------------------------
# /readyz answers within this many seconds whatever hangs.
READYZ_TIMEOUT = env.float("READYZ_TIMEOUT", default=2.0)
# The worker check fails when the heartbeat is older than this (beat queues it every 30 s).
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=120)
# The worker check applies when tasks go to a worker (REDIS_URL set); true/false forces it.
READYZ_REQUIRE_WORKER = env.bool("READYZ_REQUIRE_WORKER", default=None)
# /metrics answers only clients in these networks whose request has no X-Forwarded-For
# (every request through the proxy has one); anyone else gets 404.
METRICS_ALLOWED_NETWORKS = env.list(
    "METRICS_ALLOWED_NETWORKS",
    default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
)
for _network in METRICS_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS: {_error}") from None

# --- Certificates ----------------------------------------------------------------------
# Look-ups of the public verification page per client address (django-ratelimit syntax).
CERTIFICATE_VERIFY_RATE = env.str("CERTIFICATE_VERIFY_RATE", default="30/m")

# --- Reports ---------------------------------------------------------------------------
# Questionnaire, follow-up and needs-survey results are shown only for groups of at least
# this many respondents, so that nobody's answers can be recognised (reports/services/privacy.py).
REPORTS_MIN_GROUP = env.int("REPORTS_MIN_GROUP", default=5)
if REPORTS_MIN_GROUP < 1:
    raise ImproperlyConfigured("REPORTS_MIN_GROUP must be at least 1.")

# --- Reminders -------------------------------------------------------------------------
# An unfinished course with no progress for this many days gets an inactivity reminder.
REMINDER_INACTIVITY_DAYS = env.int("REMINDER_INACTIVITY_DAYS", default=7)

# --- Motivation, mentoring, plans ------------------------------------------------------
# A mentee's unfinished course with no progress for this many days reminds mentor and mentee.
MENTORING_STALL_DAYS = env.int("MENTORING_STALL_DAYS", default=10)
# Points for completed work, on top of the points of the badges earned.
POINTS_PER_COURSE = env.int("POINTS_PER_COURSE", default=10)
POINTS_PER_WEBINAR = env.int("POINTS_PER_WEBINAR", default=3)
POINTS_PER_EVENT = env.int("POINTS_PER_EVENT", default=5)
# The union's norm: at least this share of the expense budget goes on training (seeds 000, 001).
TRAINING_BUDGET_NORM_PERCENT = env.int("TRAINING_BUDGET_NORM_PERCENT", default=10)

# --- Email -----------------------------------------------------------------------------
if env.str("EMAIL_URL", default="") or PRODUCTION:
    vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
else:
    # The embedded default sends nothing: each batch of messages is written to a file in
    # var/mail/ (sign-up links, certificates), so `make run` is not flooded with whole emails.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# A mail server that stops answering fails the send after this many seconds (the task
# retries it later) instead of holding a worker process until the task's time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@oqu.localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Learning record store (xapi/) ------------------------------------------------------
# Where xAPI statements go (the store's base address: statements are sent to
# LRS_URL/xAPI/statements), with HTTP basic credentials. Empty: no statement is kept.
LRS_URL = env.str("LRS_URL", default="")
LRS_USERNAME = env.str("LRS_USERNAME", default="")
LRS_PASSWORD = env.str("LRS_PASSWORD", default="")
LRS_TIMEOUT = env.float("LRS_TIMEOUT", default=5.0)

# --- Accounts (django-allauth) ---------------------------------------------------------
SITE_NAME = _("Union Academy")
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupProfileForm"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
# Apps sign in through allauth's headless API (/_allauth/app/v1/...) and call /api/v1/ with
# the session token it gives; the site keeps its own pages. Same accounts, adapter, lockout,
# verification and MFA.
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)
# allauth describes its sign-in API at /_allauth/openapi.json (and .yaml, .html), as we do ours.
HEADLESS_SERVE_SPECIFICATION = True
# Wrong passwords pause one account's sign-in (lms/services/lockout.py, kept in the database
# so it holds while Redis is down): after LOGIN_LOCKOUT_FREE_FAILURES in a row, for
# LOGIN_LOCKOUT_BASE_SECONDS, doubling with each further one up to LOGIN_LOCKOUT_MAX_SECONDS.
# A password reset lifts it at once.
LOGIN_LOCKOUT_FREE_FAILURES = env.int("LOGIN_LOCKOUT_FREE_FAILURES", default=5)
LOGIN_LOCKOUT_BASE_SECONDS = env.int("LOGIN_LOCKOUT_BASE_SECONDS", default=60)
LOGIN_LOCKOUT_MAX_SECONDS = env.int("LOGIN_LOCKOUT_MAX_SECONDS", default=30 * 60)
# allauth's limits per address, kept in the cache; they fail open while Redis is down
# (lms/cache.py), and the per-account lockout above still holds.
ACCOUNT_RATE_LIMITS = {
    # allauth counts every attempt here until it succeeds, so concurrent logins from one
    # school's address count too: the per-address part is a setting.
    "login_failed": env.str("LOGIN_FAILED_RATE_PER_IP", default="10/m/ip"),
    # Schools share one address behind NAT; raise this where a whole district logs in at once.
    "login": env.str("LOGIN_RATE_PER_IP", default="30/m/ip"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_URL = "account_login"
# The Wagtail and Django admin have no login of their own: their login pages send people to
# this one (lms/urls.py), so every way in asks for a verified email, counts wrong passwords
# and asks staff who set up a second factor for it.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# --- Wagtail ---------------------------------------------------------------------------
# In the reader's language (the templates in templates/wagtailadmin/ show it in the admin).
WAGTAIL_SITE_NAME = _("Union Academy")
# SITE_URL: required in production (see _site_url).
WAGTAILADMIN_BASE_URL = _site_url()
WAGTAIL_I18N_ENABLED = False
# Page addresses in Latin letters, transliterated from Kazakh and Russian titles (lms/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No calls from the admin to outside servers: no Gravatar images, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's database backend, with prefix matching (lms/search/backends/). On PostgreSQL
# its full-text search also stems Russian ('russian' configuration; after changing it run
# `manage.py update_index`); SQLite ignores it. Russian and Kazakh stems: lms/search/.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "lms.search.backends",
        "SEARCH_CONFIG": env.str("SEARCH_CONFIG", default="russian"),
    }
}
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "csv", "mp4", "webm",
    "vtt",  # captions of an uploaded video
    "png", "jpg", "jpeg",  # infographics
]
# Each kind of document has its own limit (content/uploads.py); Wagtail checks the largest.
DOCUMENT_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_MB", default=200) * 1024 * 1024
VIDEO_MAX_UPLOAD_SIZE = env.int("VIDEO_MAX_UPLOAD_MB", default=500) * 1024 * 1024
CAPTIONS_MAX_UPLOAD_SIZE = 2 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = max(DOCUMENT_MAX_UPLOAD_SIZE, VIDEO_MAX_UPLOAD_SIZE)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_MB", default=10) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can hold script
# Uploads are checked by content, not by name (content/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.uploads.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.uploads.ImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Behind nginx, the document view lets the visitor in and nginx sends the file, with byte
# ranges for seeking in videos (content/accel_redirect.py; the internal location of
# docker/nginx.conf, where compose points this). Unset: the application streams documents
# itself, and lms.byte_ranges.ByteRangeMiddleware answers ranges.
DOCUMENTS_ACCEL_REDIRECT_URL = env.str("DOCUMENTS_ACCEL_REDIRECT_URL", default="")
if DOCUMENTS_ACCEL_REDIRECT_URL:
    SENDFILE_BACKEND = "content.accel_redirect"
# Registered members see a webinar's join link from this many minutes before its start.
WEBINAR_JOIN_OPENS_MINUTES = env.int("WEBINAR_JOIN_OPENS_MINUTES", default=15)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English"), ("kk", "Қазақша")]

# --- Security --------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp). The site has no inline script or style; uploads are
# served as attachments, so nothing a trainer uploads runs in our origin.
_CSP_BASE = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "form-action": ["'self'"],
    "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
    "media-src": ["'self'", *MEDIA_ORIGINS],
}
# Lesson videos on YouTube and Vimeo play in their privacy-enhanced players, framed from
# exactly these two origins (lms/video_links.py builds every frame's address); uploaded
# videos come from 'self' (media-src above).
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_BASE, "script-src": ["'self'"], "style-src": ["'self'"], "frame-ancestors": ["'none'"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
    },
}
# The Wagtail and Django admin need inline scripts and styles, and Wagtail frames its own
# previews (lms.middleware.ContentSecurityPolicyMiddleware picks this one for /admin/).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_BASE,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "frame-ancestors": ["'self'"],
        # Its previews (in frames of its own) show a lesson's video players too.
        "frame-src": ["'self'", *VIDEO_PLAYER_ORIGINS],
    },
}
# Behind a proxy every request arrives from the proxy's address. CLIENT_IP_HEADER names the
# header in which the proxy passes the visitor's own (docker/nginx.conf sets X-Real-IP, and
# compose sets CLIENT_IP_HEADER=X-Real-IP), so the per-address limits of the login, sign-up
# and certificate check count each visitor, not the proxy. Set it only where every request
# comes through that proxy: anyone reaching the app directly could name their own address.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
if CLIENT_IP_HEADER:
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = CLIENT_IP_HEADER
    RATELIMIT_IP_META_KEY = "HTTP_" + CLIENT_IP_HEADER.upper().replace("-", "_")
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# One JSON object a line in production (python-json-logger), plain text in the embedded mode
# so `make run` stays readable; each line carries the request id (lms/request_id.py), also
# in the worker, whose handlers Celery sets up and lms/celery_app.py adjusts the same way.
LOG_FORMAT = env.str("LOG_FORMAT", default="") or ("json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "lms.request_id.json_formatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail's in-process task runner logs every reference-index and search-index update
    # (about a thousand lines for the demo data); its warnings and errors still show.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
if not REDIS_URL:
    # Celery tasks run in this process too: no line for every task that succeeded, nor the
    # in-memory broker's "No hostname was supplied" warning on the first one. A task that
    # fails is still logged (celery.app.trace logs failures as errors).
    LOGGING["loggers"].update(
        {"celery.app.trace": {"level": "WARNING"}, "kombu.connection": {"level": "ERROR"}}
    )

# --- Error reporting (optional) --------------------------------------------------------
# Errors of the web and the worker go to Sentry only when SENTRY_DSN is set; without it
# sentry_sdk is not even imported. No personal data: no user, no cookies, no request body.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=env.str("SENTRY_ENVIRONMENT", default=LMS_ENV),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
