from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        # Registers its kinds of e-mail with the delivery ledger (common.mail.kinds).
        import proposals.services.reminders  # noqa: F401
        from proposals.fragments import watch

        # The budget tab's cached tables leave the cache when the rows they show are written.
        watch()
