from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        from .mail import notices  # noqa: F401 - registers the one-off notice kind
