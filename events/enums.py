from django.db import models
from django.utils.translation import gettext_lazy as _

from common.badges import Tone, tones


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Network meeting")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


tones(
    MeetingStatus,
    {MeetingStatus.SCHEDULED: Tone.NEUTRAL, MeetingStatus.CANCELLED: Tone.DANGER, MeetingStatus.HELD: Tone.NEUTRAL},
)


class RecurrencePreset(models.TextChoices):
    FIRST_FRIDAY = "FREQ=MONTHLY;BYDAY=1FR", _("First Friday of every month")
    SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=2TU", _("Second Tuesday of every month")
    LAST_THURSDAY = "FREQ=MONTHLY;BYDAY=-1TH", _("Last Thursday of every month")
    WEEKLY = "FREQ=WEEKLY", _("Every week on the same day")
    FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2", _("Every second week on the same day")
    QUARTERLY = "FREQ=MONTHLY;INTERVAL=3", _("Every three months on the same date")


class RsvpResponse(models.TextChoices):
    YES = "yes", _("Yes, I will come")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No, I cannot come")


class AccessNeed(models.TextChoices):
    CAPTIONS = "captions", _("Captions")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpretation")
    KHMER_TO_ENGLISH = "interpret_km_en", _("Khmer to English interpretation")
    ENGLISH_TO_KHMER = "interpret_en_km", _("English to Khmer interpretation")
    STEP_FREE = "step_free", _("Step-free access to the venue")
    OTHER = "other", _("Other (please describe)")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class ReminderOffset(models.IntegerChoices):
    """When reminders go out, in minutes before the meeting starts."""

    WEEK = 7 * 24 * 60, _("7 days before")
    THREE_DAYS = 3 * 24 * 60, _("3 days before")
    DAY = 24 * 60, _("1 day before")
    HOUR = 60, _("1 hour before")
    QUARTER = 15, _("15 minutes before")


class AttendanceSource(models.TextChoices):
    MANUAL = "manual", _("Ticked by hand")
    REPORT = "report", _("From the meeting tool's report")
