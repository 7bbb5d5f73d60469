from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .mail import notices  # noqa: F401 - registers the one-off notice kind
