"""Members doing business with each other: an enquiry about a member's offer and the thread that answers it.

Only the enquirer and the leaders of the organisation whose offer it is read the thread. The count of
enquiries between member organisations each quarter is the network's measure of trading together.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField
from members.models.trade import TITLE_MAX

MESSAGE_MAX = 4000


class Enquiry(models.Model):
    # An offer taken down leaves its enquiries: the threads stay with those who wrote them, and the measure
    # still counts them. The title it had is kept, and the organisation asked is kept apart from the offer.
    offer = models.ForeignKey(
        "members.Offer", null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    subject = models.CharField(_("about"), max_length=TITLE_MAX)
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="enquiries_received"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enquiries")
    from_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries_sent",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"Enquiry {self.pk} about {self.subject}"

    def get_absolute_url(self):
        return reverse("network:enquiry_detail", args=[self.pk])


class EnquiryMessage(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=MESSAGE_MAX)
    body_html = MarkdownHTMLField(source="body")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message {self.pk} on enquiry {self.enquiry_id}"
