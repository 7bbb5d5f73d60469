"""The WSGI application of `make bench`: the project's own, plus a bare view behind the same middleware.

The bare view answers a signed-in request without touching anything else, so the dashboard's requests per second
can be compared with the stack's own cost (network/management/commands/bench_pages.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.base")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "network.bench_urls"
