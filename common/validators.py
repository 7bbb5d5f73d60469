"""Bounds on input, one way: text that services check themselves (a message typed on a confirmation page, a
value built by a view; a form's CharField refuses NUL characters and overlong text through Django), and dates
between two bounds, checked by services and shown and checked by forms with the same words.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

# Dates in messages, as the pages write them: 9 January 2026.
DAY = "j F Y"
# A message that goes with a step of a workflow (a withdrawal, a decision, a closing note).
MESSAGE_MAX_LENGTH = 5_000


def validate_text(value: str, *, field: str, max_length: int) -> None:
    """Refuse text PostgreSQL cannot store (a NUL character) or longer than max_length characters.

    Raises ValidationError on `field`. No side effects.
    """
    if "\x00" in value:
        raise ValidationError({field: _("Null characters are not allowed.")})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("Write at most %(limit)s characters (this has %(count)s).")
                % {
                    "limit": number_format(max_length, force_grouping=True),
                    "count": number_format(len(value), force_grouping=True),
                }
            }
        )


def date_range_error(value, *, earliest=None, latest=None) -> str | None:
    """The message for a date before `earliest` or after `latest` (either may be None), else None."""
    if value is None or ((earliest is None or value >= earliest) and (latest is None or value <= latest)):
        return None
    if earliest is not None and latest is not None:
        return _("Choose a date from %(earliest)s to %(latest)s.") % {
            "earliest": date_format(earliest, DAY),
            "latest": date_format(latest, DAY),
        }
    if earliest is not None:
        return _("Choose a date on or after %(earliest)s.") % {"earliest": date_format(earliest, DAY)}
    return _("Choose a date on or before %(latest)s.") % {"latest": date_format(latest, DAY)}


def check_date_range(value, *, field: str, earliest=None, latest=None) -> None:
    """Refuse a date outside the bounds, in the words of date_range_error. Raises ValidationError on `field`."""
    message = date_range_error(value, earliest=earliest, latest=latest)
    if message:
        raise ValidationError({field: message})


def bound_date_field(field, *, earliest=None, latest=None) -> None:
    """Give a form's date field bounds: the browser's picker offers only those days (min and max), and a date
    outside them is refused with date_range_error's message. Call it in the form's __init__, so that bounds
    counted from today are counted from the day the form is shown."""
    if earliest is not None:
        field.widget.attrs["min"] = earliest.isoformat()
    if latest is not None:
        field.widget.attrs["max"] = latest.isoformat()

    def validate(value):
        message = date_range_error(value, earliest=earliest, latest=latest)
        if message:
            raise ValidationError(message, code="date_range")

    field.validators = [*field.validators, validate]


# The first day a record of the past (a stakeholder link, an interaction, a date an organisation joined) may name.
FIRST_PAST_DAY = date(1900, 1, 1)


def check_past_day(value, *, field: str) -> None:
    """Refuse a day of the past that is in the future (a link "since 2030") or before FIRST_PAST_DAY.

    None passes (the service fills in today). Raises ValidationError on `field`. No side effects.
    """
    check_date_range(value, field=field, earliest=FIRST_PAST_DAY, latest=timezone.localdate())


def bound_past_day_field(field) -> None:
    """bound_date_field for a day of the past: from FIRST_PAST_DAY to today."""
    bound_date_field(field, earliest=FIRST_PAST_DAY, latest=timezone.localdate())
