from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.badges import Tone, tones


class DeliveryKind(models.TextChoices):
    MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
    MEETING_CANCELLED = "meeting_cancelled", _("Cancellation notice")
    DIGEST = "digest", _("Digest")
    CALL_CLOSING = "call_closing", _("Call closing soon")
    REVIEW_PENDING = "review_pending", _("Review waiting")


class DeliveryStatus(models.TextChoices):
    CLAIMED = "claimed", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


tones(
    DeliveryStatus,
    {DeliveryStatus.CLAIMED: Tone.WAITING, DeliveryStatus.SENT: Tone.OK, DeliveryStatus.FAILED: Tone.DANGER},
)


class Delivery(models.Model):
    """One e-mail to one person for one occasion. The unique (recipient, occasion) pair is the
    claim that makes every reminder and digest go out at most once, however often a task runs."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries")
    occasion = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=DeliveryKind.choices)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.CLAIMED)
    meeting = models.ForeignKey(
        "events.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The task run that claimed it: a retry of that run may finish what it started.
    claim = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-claimed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "occasion"], name="one_delivery_per_occasion")]
        indexes = [models.Index(fields=["kind", "recipient", "-window_end"]), models.Index(fields=["meeting", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}: {self.status}"

    @property
    def reminder_offset_label(self) -> str:
        """For a meeting reminder, when it was due: "1 day before" and so on."""
        from events.enums import ReminderOffset

        parts = self.occasion.split(":")
        if self.kind != DeliveryKind.MEETING_REMINDER or len(parts) < 3 or not parts[2].isdigit():
            return ""
        offset = int(parts[2])
        return str(ReminderOffset(offset).label) if offset in ReminderOffset.values else ""
