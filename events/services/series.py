"""Meeting series: the recurrence rule and the meetings it generates."""

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.fragments import model_scope, touch
from common.validators import check_date_range

from ..enums import MeetingStatus
from ..models import Meeting, MeetingSeries
from ..validators import SERIES_OCCURRENCE_LIMIT, series_date_bounds

# Fields a series passes on to its meetings.
INHERITED = ["title", "description", "kind", "community", "time_zone", "online_url", "venue", "reminder_offsets"]


def occurrence_dates(
    *, rule: str, first_date: date, start: date, end: date, limit: int = SERIES_OCCURRENCE_LIMIT
) -> list[date]:
    """The dates the rule gives between start and end, both included, at most `limit` of them (the first).

    The rule is walked one date at a time, so a rule that would give millions costs no more than `limit`.
    No side effects.
    """
    recurrence = rrulestr(f"RRULE:{rule.removeprefix('RRULE:')}", dtstart=datetime.combine(first_date, time()))
    dates = []
    for moment in recurrence.xafter(datetime.combine(start, time()), inc=True):
        if moment.date() > end or len(dates) == limit:
            break
        dates.append(moment.date())
    return dates


def _meeting_times(series: MeetingSeries, day: date) -> tuple[datetime, datetime]:
    starts_at = datetime.combine(day, series.start_time, tzinfo=series.zone)
    return starts_at, starts_at + timedelta(minutes=series.duration_minutes)


def _horizon(series: MeetingSeries) -> date:
    return timezone.localdate() + relativedelta(months=series.months_ahead)


def _check_rule(series: MeetingSeries, *, new_first_date: bool) -> None:
    if series.duration_minutes <= 0:
        raise ValidationError({"duration_minutes": _("A meeting must last at least one minute.")})
    if new_first_date:
        earliest, latest = series_date_bounds()
        check_date_range(series.first_date, field="first_date", earliest=earliest, latest=latest)
    found = occurrence_dates(
        rule=series.rrule,
        first_date=series.first_date,
        start=series.first_date,
        end=series.first_date + relativedelta(years=5),
        limit=1,
    )
    if not found:
        raise ValidationError({"rrule": _("This rule gives no meeting date in the five years after the first date.")})
    start = series.first_date if new_first_date else max(series.first_date, timezone.localdate())
    planned = occurrence_dates(
        rule=series.rrule,
        first_date=series.first_date,
        start=start,
        end=_horizon(series),
        limit=SERIES_OCCURRENCE_LIMIT + 1,
    )
    if len(planned) > SERIES_OCCURRENCE_LIMIT:
        raise ValidationError(
            {
                "rrule": _(
                    "This rule gives more than %(limit)s meetings up to the planning horizon. "
                    "Choose a rule that meets less often, or plan fewer months ahead."
                )
                % {"limit": SERIES_OCCURRENCE_LIMIT}
            }
        )


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:200] or "series"
    slug, number = base, 2
    while MeetingSeries.objects.exclude(pk=exclude_pk).filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def series_create(*, by, **fields) -> MeetingSeries:
    """Create a series and its meetings from the first date up to its planning horizon.

    Writes the MeetingSeries (with a unique slug) and its Meeting rows; no e-mail.
    Raises ValidationError when a field is invalid, the duration is not positive or the rule gives no date.
    """
    series = MeetingSeries(created_by=by, **fields)
    series.slug = _unique_slug(series.title)
    series.full_clean(exclude=["slug"])
    _check_rule(series, new_first_date=True)
    series.save()
    series_generate(series=series, since=series.first_date)
    return series


def series_generate(*, series: MeetingSeries, since: date | None = None) -> list[Meeting]:
    """Create the meetings the rule gives up to the horizon that do not exist yet.

    Safe to run any number of times and at once: a unique constraint on (series, occurrence date)
    keeps each occurrence single. Writes the new Meeting rows; an inactive series gets none.
    """
    if not series.is_active:
        return []
    start = max(series.first_date, since or timezone.localdate())
    dates = occurrence_dates(rule=series.rrule, first_date=series.first_date, start=start, end=_horizon(series))
    existing = set(series.meetings.filter(occurrence_date__in=dates).values_list("occurrence_date", flat=True))
    new = []
    for day in dates:
        if day in existing:
            continue
        starts_at, ends_at = _meeting_times(series, day)
        new.append(
            Meeting(
                series=series,
                occurrence_date=day,
                starts_at=starts_at,
                ends_at=ends_at,
                **{field: getattr(series, field) for field in INHERITED},
            )
        )
    touch(model_scope(Meeting))  # a bulk insert sends no post_save for common.fragments to see
    return Meeting.objects.bulk_create(new, ignore_conflicts=True)


@transaction.atomic
def series_update(*, series: MeetingSeries, by, **fields) -> MeetingSeries:
    """Change a series. Future meetings that nobody changed by hand follow the change; a future
    meeting the new rule no longer gives is removed, or cancelled when people already answered.
    Past meetings and meetings changed by hand stay as they are.

    Writes the MeetingSeries, changes, deletes or cancels those Meeting rows and creates new ones; no e-mail
    (the reminder sweep announces cancellations). Raises ValidationError as series_create does.
    """
    series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    first_date = series.first_date
    for field, value in fields.items():
        setattr(series, field, value)
    series.full_clean(exclude=["slug"])
    _check_rule(series, new_first_date=series.first_date != first_date)
    series.save()

    now = timezone.now()
    wanted = set(
        occurrence_dates(
            rule=series.rrule, first_date=series.first_date, start=timezone.localdate(), end=_horizon(series)
        )
    )
    followers = series.meetings.filter(starts_at__gt=now, changed_by_hand=False, status=MeetingStatus.SCHEDULED)
    for meeting in followers.select_for_update().prefetch_related("rsvps"):
        if meeting.occurrence_date not in wanted:
            if meeting.rsvps.all():
                meeting.status = MeetingStatus.CANCELLED
                meeting.cancellation_reason = _("The series moved to other dates.")
                meeting.sequence += 1
                meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
            else:
                meeting.delete()
            continue
        starts_at, ends_at = _meeting_times(series, meeting.occurrence_date)
        changes = {field: getattr(series, field) for field in INHERITED}
        changes.update(starts_at=starts_at, ends_at=ends_at)
        if any(getattr(meeting, field) != value for field, value in changes.items()):
            for field, value in changes.items():
                setattr(meeting, field, value)
            meeting.sequence += 1
            meeting.save()
    series_generate(series=series)
    return series


def series_generate_all() -> int:
    """Top up every active series to its horizon; returns how many meetings were created.

    Writes the new Meeting rows (run by series_generate_all_task on a schedule).
    """
    return sum(len(series_generate(series=series)) for series in MeetingSeries.objects.filter(is_active=True))
