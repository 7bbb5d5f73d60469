"""Settings for every environment, read from environment variables.

With nothing set, the project runs for a quick start: SQLite under var/, Celery tasks
run eagerly in the web process and e-mail is printed to the console.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
# Links in e-mails and calendar feeds. Unset, it follows the port `make run` serves on (PORT).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "django_filters",
    "csp",
    "common",
    "members",
    "events",
    "communities",
    "proposals",
    "network",
]

# GZip first, so it compresses what every other middleware produced: pages shrink by 60-78 %, which a
# phone on a slow link feels. BREACH (guessing a secret through compressed sizes) is answered by what
# Django already does: the CSRF token is masked afresh in every response, and since Django 4.2
# GZipMiddleware pads each response with random bytes ("Heal The Breach"). No other secret is repeated
# in pages next to text an attacker controls, so HTML is compressed; private files are streamed as is.
MIDDLEWARE = [
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "members.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # JIT compiling took 49 of the calendar query's 60 ms at a real network's size; the queries here are short.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "common.backends.ModelBackendWithoutGroups",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "DJANGO_PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)
LOGIN_URL = "account_login"
# A form whose CSRF token expired keeps what was typed (common.drafts) instead of ending on a bare 403.
CSRF_FAILURE_VIEW = "common.views.csrf_failure"
LOGIN_REDIRECT_URL = "dashboard_detail"

# django-allauth: e-mail is the login, and it must be verified.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Name, organisation and reason: what the coordinator who approves the account reads (members.SignupNote).
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[Learning Network] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
# allauth's default rate limits stay on (login failures, password resets, sign-ups);
# ACCOUNT_RATE_LIMITS is left unset on purpose.
# Open sign-up is off: people join through a coordinator's invitation. Where it is
# on, a new account waits for a coordinator's approval.
OPEN_SIGNUP = env.bool("OPEN_SIGNUP", default=False)
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Rows per page of every paginated list (common.pagination.paginate).
PAGE_SIZE = env.int("PAGE_SIZE", default=30)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
# The project's catalogue first; then the strings of allauth and Django that the portal shows, translated
# where those libraries ship no Khmer or an incomplete one. Both come before the libraries' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
# Numbers as Cambodians write them in Khmer too: "5,000.00 USD" (see network/formats/km/formats.py).
FORMAT_MODULE_PATH = ["network.formats"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Phnom_Penh")
USE_TZ = True
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public uploads only (organisation logos), served under MEDIA_URL to anyone.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Files that belong to something access-controlled (receipts, report photos, challenge attachments, resources,
# slides) live outside MEDIA_ROOT and are served only by views that check the rule (common/files.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
# Empty: Django streams the file itself. In production, the address prefix under which the web server finds
# PRIVATE_MEDIA_ROOT: an `internal` nginx location such as "/protected/" (X-Accel-Redirect), or, for Apache's
# mod_xsendfile, the directory itself with a trailing slash (X-Sendfile).
PRIVATE_MEDIA_ACCEL_REDIRECT = env.str("PRIVATE_MEDIA_ACCEL_REDIRECT", default="")
PRIVATE_MEDIA_ACCEL_HEADER = env.str("PRIVATE_MEDIA_ACCEL_HEADER", default="X-Accel-Redirect")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "common.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_STORAGE", default="whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
if DEBUG:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# E-mail: the console unless EMAIL_URL says otherwise (smtp://user:pass@host:587/?tls=True).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Learning Network <network@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that stops answering fails a message after this long instead of holding a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# The delivery ledger (common.mail). Times scale from the environment so the test suite runs them short.
# A row leased for sending returns to the queue after this long if its sender died. Rows are leased a
# chunk at a time and renewed when half the lease is gone, so half of it outlasts any one message (its
# eight SMTP steps, each bounded by EMAIL_TIMEOUT).
MAIL_LEASE_SECONDS = env.int("MAIL_LEASE_SECONDS", default=16 * EMAIL_TIMEOUT)
# Failed rows are tried again after base, 2 × base, 4 × base ... at most max; given up after MAIL_MAX_ATTEMPTS.
MAIL_RETRY_BASE_SECONDS = env.int("MAIL_RETRY_BASE_SECONDS", default=60)
MAIL_RETRY_MAX_SECONDS = env.int("MAIL_RETRY_MAX_SECONDS", default=3600)
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=10)
# A row still pending after this long lost its task (the broker restarted): the sweep queues it again.
MAIL_PENDING_GRACE_SECONDS = env.int("MAIL_PENDING_GRACE_SECONDS", default=120)
# After this many transient failures in a row the server is down: the batch stops and is retried.
MAIL_STOP_AFTER_FAILURES = 3
MAIL_TASK_TIME_LIMIT = env.int("MAIL_TASK_TIME_LIMIT", default=300)
MAIL_TASK_SOFT_TIME_LIMIT = env.int("MAIL_TASK_SOFT_TIME_LIMIT", default=270)
# How often a batch of reminders reads its meeting again, to stop within seconds of a move.
MAIL_RECHECK_SECONDS = env.float("MAIL_RECHECK_SECONDS", default=2.0)
# A digest covers up to this long before the sweep's clock, so content still being committed when the
# sweep runs falls in the next digest, not in none.
DIGEST_COMMIT_GRACE_SECONDS = env.int("DIGEST_COMMIT_GRACE_SECONDS", default=60)
MAIL_SWEEP_SECONDS = env.int("MAIL_SWEEP_SECONDS", default=60)

# Celery: with no REDIS_URL, tasks run eagerly inside the web process.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Content-Security-Policy (django-csp 4): everything from this site, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

NETWORK_NAME = env.str("NETWORK_NAME", default="Leadership Learning Network")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# A static beat schedule: the jobs are part of the code and reviewed with it; nobody needs to
# edit them at run time, and there is no schedule table to keep in step between environments.
CELERY_BEAT_SCHEDULE = {
    "plan-meeting-series": {"task": "events.tasks.series_generate_all_task", "schedule": 6 * 3600},
    "meeting-reminders": {"task": "events.tasks.reminders_sweep_task", "schedule": 5 * 60},
    "digests": {"task": "network.tasks.digests_sweep_task", "schedule": 3600},
    "proposal-reminders": {"task": "proposals.tasks.proposal_reminders_task", "schedule": 3600},
    "funding-reminders": {"task": "network.tasks.funding_reminders_task", "schedule": 3600},
    "surveys": {"task": "network.tasks.surveys_sweep_task", "schedule": 3600},
    "partnership-reviews": {"task": "communities.tasks.partnership_reviews_task", "schedule": 6 * 3600},
    "mail-sweep": {"task": "common.tasks.deliveries_sweep_task", "schedule": MAIL_SWEEP_SECONDS},
}
# E-mail goes through its own queue, so a slow mail server never holds up other work.
CELERY_TASK_ROUTES = {
    "common.tasks.deliveries_send_task": {"queue": "email"},
    "events.tasks.meeting_reminders_task": {"queue": "email"},
    "events.tasks.meeting_notices_task": {"queue": "email"},
    "network.tasks.digests_task": {"queue": "email"},
    "network.tasks.digests_resend_task": {"queue": "email"},
    "network.tasks.surveys_mail_task": {"queue": "email"},
    "network.tasks.funding_reminders_task": {"queue": "email"},
    "proposals.tasks.proposal_reminders_task": {"queue": "email"},
}
CELERY_TASK_DEFAULT_QUEUE = "celery"
# An unacknowledged task (its worker died) comes back after this long. Every task's time limit stays
# well inside it (tests/common/test_mail_settings.py), or the broker would hand out a second copy.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
