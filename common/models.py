"""The delivery ledger: one row per e-mail to one person (or address) for one occasion.

Common knows no app: what an e-mail is about is a plain key (`topic` such as "events.meeting" and
`topic_id`), and what each kind is called and how it is sent again is registered by the app that
owns it (common.mail.kinds).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .badges import Tone, tones


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GIVEN_UP = "given_up", _("Given up")


tones(
    DeliveryStatus,
    {
        DeliveryStatus.PENDING: Tone.WAITING,
        DeliveryStatus.SENDING: Tone.WAITING,
        DeliveryStatus.SENT: Tone.OK,
        DeliveryStatus.FAILED: Tone.WARNING,
        DeliveryStatus.GIVEN_UP: Tone.DANGER,
    },
)


class DeliveryQuerySet(models.QuerySet):
    def takeable(self, *, now, claim: str = ""):
        """Rows a sender may lease now: waiting (for anyone, for this task run that claimed them, or
        left by a task lost past the grace), failed and due for a retry, or leased by a sender whose
        lease ran out (it died) or by this very task run (redelivered after its worker died)."""
        from django.conf import settings

        lost = now - timedelta(seconds=settings.MAIL_PENDING_GRACE_SECONDS)
        waiting = Q(claim="") | Q(claimed_at__lt=lost)
        stale_lease = Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
        if claim:
            waiting |= Q(claim=claim)
            stale_lease |= Q(status=DeliveryStatus.SENDING, claim=claim)
        return self.filter(
            Q(status=DeliveryStatus.PENDING) & waiting
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
            | stale_lease
        )

    def due_again(self, *, now, pending_grace):
        """Rows no task is going to send unless queued again: waiting longer than the grace (their task
        was lost with the broker), failed and due, or leased by a sender that died."""
        return self.filter(
            Q(status=DeliveryStatus.PENDING, claimed_at__lt=now - pending_grace)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
        )


class Delivery(models.Model):
    """One e-mail to one recipient for one occasion. The unique (recipient, occasion) pair makes every
    e-mail go out at most once per occasion, however often a task runs; the status, committed per
    message, says where it is: pending → sending (leased) → sent, failed (retried) or given up."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Where it goes: the recipient's address when written, or an address with no account (an invitation).
    address = models.EmailField(blank=True)
    occasion = models.CharField(max_length=200)
    kind = models.CharField(max_length=40)
    topic = models.CharField(max_length=40, blank=True)
    topic_id = models.BigIntegerField(null=True, blank=True)
    # What the kind's sender needs to build the message again (a reminder's offset and start).
    params = models.JSONField(default=dict, blank=True)
    # A message rendered when it was queued (transactional e-mails); empty for those built at send time.
    message = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    # The task run holding the lease.
    claim = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=300, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        db_table = "network_delivery"
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "occasion"], name="one_delivery_per_occasion"),
            models.UniqueConstraint(
                fields=["address", "occasion"],
                condition=Q(recipient__isnull=True),
                name="one_delivery_per_address_and_occasion",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "recipient", "-window_end"], name="network_del_kind_394e73_idx"),
            models.Index(fields=["topic", "topic_id", "kind"], name="delivery_topic_idx"),
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=~Q(status="sent"),
                name="delivery_unfinished_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient or self.address}: {self.status}"

    @property
    def kind_label(self) -> str:
        from .mail.kinds import kind_label

        return kind_label(self.kind)

    @property
    def detail_label(self) -> str:
        """What the kind says about this one (a reminder's "1 day before"), or nothing."""
        from .mail.kinds import detail_label

        return detail_label(self)

    @property
    def can_retry(self) -> bool:
        return self.status in (DeliveryStatus.FAILED, DeliveryStatus.GIVEN_UP)
