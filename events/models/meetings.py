import uuid
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import PrivateFileField
from members.models import validate_time_zone

from ..enums import MeetingKind, MeetingStatus
from ..validators import SERIES_MONTHS_AHEAD_LIMIT, validate_rrule, validate_slides


def default_reminder_offsets():
    """Minutes before the start: a week and a day."""
    return [7 * 24 * 60, 24 * 60]


class MeetingSeries(models.Model):
    """Meetings that recur by a rule, such as the network's first-Friday meeting."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=220)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_series",
        help_text=_("Leave empty for the whole network."),
    )
    rrule = models.CharField(_("recurrence rule"), max_length=300, validators=[validate_rrule])
    first_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("start time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), default=90, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    months_ahead = models.PositiveSmallIntegerField(
        _("plan this many months ahead"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(SERIES_MONTHS_AHEAD_LIMIT)],
    )
    reminder_offsets = models.JSONField(_("reminders"), default=default_reminder_offsets, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:series_detail", args=[self.slug])

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)


def new_uid():
    return uuid.uuid4()


class MeetingQuerySet(models.QuerySet):
    def scheduled(self):
        """Meetings still planned: not cancelled, not yet marked as held."""
        return self.filter(status=MeetingStatus.SCHEDULED)

    def not_cancelled(self):
        return self.exclude(status=MeetingStatus.CANCELLED)


class Meeting(models.Model):
    """One meeting: an occurrence of a series or a one-off event, possibly over several days."""

    series = models.ForeignKey(MeetingSeries, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings")
    # The date the series' rule gave this occurrence; it stays when the meeting is moved,
    # so that generating the series again never creates it twice.
    occurrence_date = models.DateField(null=True, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Leave empty for the whole network."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    reminder_offsets = models.JSONField(_("reminders"), default=default_reminder_offsets, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leave empty for no limit; others join a waiting list."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Set when a coordinator changes this meeting by itself; edits of the series then leave it alone.
    changed_by_hand = models.BooleanField(default=False, editable=False)
    uid = models.UUIDField(default=new_uid, unique=True, editable=False)
    # iCalendar SEQUENCE: rises with every change that calendar programs must pick up.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"),
            models.UniqueConstraint(
                fields=["series", "occurrence_date"],
                condition=Q(series__isnull=False),
                name="one_meeting_per_series_occurrence",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.local_start:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("events:meeting_detail", args=[self.pk])

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def spans_days(self) -> bool:
        return self.local_end.date() > self.local_start.date()

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def agenda_timeline(self) -> list[tuple]:
        """(item, local start) for each agenda item, each starting when the one before ends (from the
        prefetched items; an item without a duration takes no time)."""
        timeline = []
        moment = self.local_start
        for item in self.agenda_items.all():
            timeline.append((item, moment))
            moment += timedelta(minutes=item.duration_minutes or 0)
        return timeline

    @property
    def agenda_overrun_minutes(self) -> int:
        """How many minutes the agenda's durations run past the meeting's end; 0 when it fits."""
        planned = sum(item.duration_minutes or 0 for item in self.agenda_items.all())
        return max(0, planned - int(self.duration.total_seconds() // 60))


def slides_path(instance, filename):
    # Only for migration 0001; new files are private, under unguessable names.
    return f"slides/{instance.meeting_id}/{filename}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("minutes"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    presenter_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("presenting organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    # A guest presenter is not a member: named here, told by e-mail (with the agenda and an .ics) at this address.
    guest_name = models.CharField(_("guest presenter"), max_length=150, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    guest_language = models.CharField(
        _("guest's language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    slides = PrivateFileField(_("slides"), prefix="slides", blank=True, validators=[validate_slides])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if (self.guest_email or self.guest_organisation) and not self.guest_name.strip():
            raise ValidationError({"guest_name": _("Give the guest presenter's name.")})

    @property
    def presenter_names(self) -> str:
        """Who presents, as one line: the member, their organisation and the guest with theirs."""
        parts = []
        if self.presenter_id:
            parts.append(self.presenter.name)
        if self.presenter_organisation_id:
            parts.append(self.presenter_organisation.name)
        if self.guest_name:
            parts.append(
                f"{self.guest_name} ({self.guest_organisation})" if self.guest_organisation else self.guest_name
            )
        return ", ".join(parts)

    def get_file_url(self):
        """The slides' address, behind the rule on the meeting."""
        return reverse("events:slides_download", args=[self.meeting_id, self.pk])
