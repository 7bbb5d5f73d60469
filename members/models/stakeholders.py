from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import InteractionKind
from .organisations import Organisation


class ContactPerson(models.Model):
    """Someone the network deals with at a stakeholder. They need not have an account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contact_people")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account on this site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stakeholder_contacts",
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Interaction(models.Model):
    """A dated entry in the log of dealings with a stakeholder."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="interactions")
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices, default=InteractionKind.MEETING)
    summary = models.TextField(_("what happened"))
    contact = models.ForeignKey(
        ContactPerson, verbose_name=_("with"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-recorded_at"]

    def __str__(self):
        return f"{self.happened_on}: {self.summary[:60]}"
