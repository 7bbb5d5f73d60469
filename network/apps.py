from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        # Registers its kinds of e-mail with the delivery ledger (common.mail.kinds).
        import network.services.digests  # noqa: F401
        import network.services.funding_reminders  # noqa: F401
        from network.fragments import watch

        # The dashboard's cached sections leave the cache when the rows they show are written.
        watch()
