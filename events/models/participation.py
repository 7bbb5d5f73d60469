import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField

from ..enums import AttendanceSource, MinutesStatus, RsvpResponse
from .meetings import Meeting


class Rsvp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps")
    response = models.CharField(_("will you come?"), max_length=10, choices=RsvpResponse.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    needs = models.JSONField(_("accessibility or language needs"), default=list, blank=True)
    needs_other = models.CharField(_("other needs"), max_length=300, blank=True)
    # A yes beyond the meeting's places waits; the first to wait gets the next free place.
    waitlisted = models.BooleanField(default=False)
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["responded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_rsvp_per_person")]

    def __str__(self):
        return f"{self.person} → {self.meeting}: {self.response}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    # The organisation the person came for, kept as it was that day.
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="attendances"
    )
    # From the online meeting tool's participants report; None when attendance was ticked by hand.
    minutes_present = models.PositiveIntegerField(_("minutes present"), null=True, blank=True)
    source = models.CharField(max_length=10, choices=AttendanceSource.choices, default=AttendanceSource.MANUAL)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]

    def __str__(self):
        return f"{self.person} at {self.meeting}"


class GuestAttendance(models.Model):
    """Someone without an account who came: a guest speaker, a partner, a member NGO's staff."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guest_attendances")
    name = models.CharField(_("name"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    # The network's organisation the typed name matched (by name or acronym), so that the guest counts for it.
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="guest_attendances"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    minutes_present = models.PositiveIntegerField(_("minutes present"), null=True, blank=True)
    source = models.CharField(max_length=10, choices=AttendanceSource.choices, default=AttendanceSource.MANUAL)
    # A guest from a report is found again by this key when the same report is imported twice: the e-mail, or
    # else the normalised name (events.attendance_report.normalise_name). Empty for guests typed by hand.
    report_key = models.CharField(max_length=260, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("guest attendance")
        verbose_name_plural = _("guest attendance")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "report_key"], condition=~models.Q(report_key=""), name="one_reported_guest"
            )
        ]

    def __str__(self):
        return f"{self.name} at {self.meeting}"


class Minutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    body = models.TextField(_("minutes"), blank=True, help_text=_("Markdown: **bold**, lists with -, links."))
    body_html = MarkdownHTMLField(source="body")
    status = models.CharField(_("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    # What members read: the text of the last final save. A draft saved over it changes `body` only, so the
    # published minutes stay visible while the organisers work on the next version.
    published_body = models.TextField(blank=True)
    published_body_html = MarkdownHTMLField(source="published_body")
    published_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"Minutes of {self.meeting}"

    @property
    def is_final(self):
        """The text being worked on is the published one."""
        return self.status == MinutesStatus.FINAL

    @property
    def is_published(self):
        """Members can read a version of these minutes (published_body)."""
        return self.published_at is not None


class MinutesVersion(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    body_html = MarkdownHTMLField(source="body")
    status = models.CharField(max_length=10, choices=MinutesStatus.choices)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_version")]

    def __str__(self):
        return f"{self.minutes} v{self.number}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Revoking gives a new token; the old address stops working."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.person}"
