from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers its kinds of e-mail with the delivery ledger (common.mail.kinds).
        import events.services.reminders  # noqa: F401
