"""Settings for the test suite: the base settings, made fast and predictable."""

from .base import *  # noqa: F403
from .base import STORAGES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if env.str("WORKER_EMAIL_DIR", default=""):
    # The real worker of the test suite writes what it sends to files the tests read.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("WORKER_EMAIL_DIR")
if env.str("WORKER_EMAIL_URL", default=""):
    # ... or sends it to the suite's own SMTP server (tests/smtp_server.py), which misbehaves on purpose.
    # Its own name, not EMAIL_URL: a suite run where EMAIL_URL names a real server must not mail anyone.
    vars().update(env.email_url("WORKER_EMAIL_URL"))
# The test process runs tasks eagerly unless a test asks for the real worker
# (tests/conftest.py); the worker process itself keeps the base behaviour.
