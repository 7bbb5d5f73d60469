"""Settings for the test suite: the base settings, made fast and predictable."""

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, STORAGES, env

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
if REDIS_URL and env.str("PYTEST_XDIST_WORKER", default=""):
    # Test processes running side by side (pytest-xdist: gw0, gw1, ...) each keep a cache of their own,
    # Redis database 2, 3, ...: one's rate limits and fragments never meet another's. Celery's queues stay
    # on databases 0 and 1 (tests/conftest.py), used by the tests marked `worker`, which run alone.
    _worker_number = int(env.str("PYTEST_XDIST_WORKER").removeprefix("gw"))
    CACHES = {"default": {**CACHES["default"], "LOCATION": f"{REDIS_URL.rsplit('/', 1)[0]}/{2 + _worker_number}"}}
