from datetime import date

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.uploads import MB, UploadPolicy

# A meeting is planned at most a few years ahead; one that took place may be recorded for a while back.
MEETING_YEARS_AHEAD = 5
MEETING_YEARS_BACK = 10
# The longest meeting: a workshop over two weeks.
MEETING_MAX_DAYS = 14
# A series starts at most two years back (its meetings from then on are created at once), is planned at most two
# years ahead, and may give at most this many meetings from its first date to that horizon.
SERIES_YEARS_BACK = 2
SERIES_MONTHS_AHEAD_LIMIT = 24
SERIES_OCCURRENCE_LIMIT = 500
# A series meets at most once a day, at its start time: the rule names no hours, minutes or seconds.
SERIES_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
TIME_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND"}


def meeting_date_bounds() -> tuple[date, date]:
    """The first and last day a meeting may take place on, counted from today."""
    today = timezone.localdate()
    return today - relativedelta(years=MEETING_YEARS_BACK), today + relativedelta(years=MEETING_YEARS_AHEAD)


def series_date_bounds() -> tuple[date, date]:
    """The first and last day a new series, or a series given a new first date, may start on."""
    today = timezone.localdate()
    return today - relativedelta(years=SERIES_YEARS_BACK), today + relativedelta(years=MEETING_YEARS_AHEAD)


SLIDES_MAX_BYTES = 20 * MB
# A participants report of a few hundred people is a few dozen kilobytes.
REPORT_MAX_BYTES = 2 * MB
validate_attendance_report = UploadPolicy(
    extensions={"csv", "tsv", "txt"},
    max_bytes=REPORT_MAX_BYTES,
    messages={
        "wrong_type": gettext_lazy(
            "%(name)s is not a participants report. Export it from Zoom, Google Meet or Microsoft Teams as a "
            ".csv file (or .tsv, .txt)."
        ),
        "wrong_content": gettext_lazy("%(name)s does not look like a participants report exported as CSV."),
        "too_big": gettext_lazy("%(name)s is %(size)s; a participants report is at most %(limit)s."),
    },
)
SLIDES_EXTENSIONS = {"pdf", "ppt", "pptx", "odp", "key", "doc", "docx", "odt", "png", "jpg", "jpeg"}


def validate_rrule(value: str) -> None:
    """A recurrence rule in the iCalendar RRULE syntax that meets at most daily, at the series' start time.

    How many meetings it gives up to a series' horizon is checked with the series (services.series).
    """
    text = value.strip().removeprefix("RRULE:")
    if not text:
        raise ValidationError(_("Enter a recurrence rule."))
    if "DTSTART" in text.upper():
        raise ValidationError(_("Leave the start out of the rule; it comes from the first date."))
    try:
        rrulestr(f"RRULE:{text}", ignoretz=True)
    except (ValueError, TypeError, IndexError, KeyError) as error:
        # dateutil's own words ("not enough values to unpack") say nothing to a person.
        raise ValidationError(
            _(
                "This is not a recurrence rule we understand. Write it as FREQ=, then how often, then the days, "
                "for example FREQ=MONTHLY;BYDAY=3WE for the third Wednesday of every month."
            )
        ) from error
    parts = {name.strip().upper(): value for name, _sign, value in (part.partition("=") for part in text.split(";"))}
    if parts.get("FREQ", "").strip().upper() not in SERIES_FREQUENCIES:
        raise ValidationError(_("A series meets at most once a day: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    if TIME_PARTS & parts.keys():
        raise ValidationError(_("Leave the hours and minutes out of the rule; they come from the start time."))


# Slides are judged by their content too, not only by their name.
validate_slides = UploadPolicy(
    extensions=SLIDES_EXTENSIONS,
    max_bytes=SLIDES_MAX_BYTES,
    messages={
        "wrong_type": gettext_lazy("Slides must be one of: %(types)s."),
        "too_big": gettext_lazy("The file is %(size)s; the limit is %(limit)s."),
    },
)
