from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..enums import NotificationKind


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    challenge = models.ForeignKey(
        "network.Challenge", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reply = models.ForeignKey("network.Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("events.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    enquiry = models.ForeignKey("network.Enquiry", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient}"

    @property
    def subject_title(self) -> str:
        if self.challenge_id:
            return self.challenge.title
        if self.enquiry_id:
            return self.enquiry.subject
        return self.meeting.title if self.meeting_id else ""

    @property
    def url(self) -> str:
        if self.kind == NotificationKind.AGENDA_PROPOSED:
            return reverse("network:agenda_proposal_list")
        if self.reply_id:
            return self.reply.get_absolute_url()
        if self.challenge_id:
            return self.challenge.get_absolute_url()
        if self.meeting_id:
            return self.meeting.get_absolute_url()
        if self.enquiry_id:
            return self.enquiry.get_absolute_url()
        return "/"
