from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers its kinds of e-mail with the delivery ledger (common.mail.kinds).
        import events.services.reminders  # noqa: F401
        from common.fragments import touch_on_write
        from events.models import Meeting

        # The calendar's month grid, kept rendered in the cache, leaves it when a meeting is written.
        touch_on_write(Meeting)
