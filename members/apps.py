from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        # Registers its kinds of e-mail with the delivery ledger (common.mail.kinds).
        import members.mail  # noqa: F401
