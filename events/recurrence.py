"""A series' recurrence rule said in words: "First Friday of every month, 08:30 Phnom Penh time".

Read from dateutil's parsed rule, so any rule the form accepts is described, in the reader's language;
a rule with parts not said here (several months, set positions, ...) falls back to its RRULE text.
"""

from datetime import datetime

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr
from django.utils.dates import WEEKDAYS
from django.utils.formats import time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.zones import zone_name


def _ordinal(n: int) -> str | None:
    return {
        1: _("first"),
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        -1: _("last"),
    }.get(n)


def _days(numbers) -> str:
    names = [str(WEEKDAYS[n]) for n in sorted(numbers)]
    if len(names) == 1:
        return names[0]
    return _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}


def _pattern(rule) -> str | None:
    interval = rule._interval
    if rule._bysetpos or (rule._bymonth and rule._freq != YEARLY) or rule._byhour and len(rule._byhour) > 1:
        return None
    if rule._freq == DAILY and not rule._byweekday:
        return ngettext("every day", "every %(n)s days", interval) % {"n": interval}
    if rule._freq == WEEKLY and rule._byweekday:
        days = _days(rule._byweekday)
        if interval == 1:
            return _("every %(days)s") % {"days": days}
        return _("every %(n)s weeks on %(days)s") % {"n": interval, "days": days}
    if rule._freq == MONTHLY and rule._bynweekday and len(rule._bynweekday) == 1:
        weekday, n = rule._bynweekday[0]
        ordinal = _ordinal(n)
        if ordinal is None:
            return None
        values = {"ordinal": ordinal, "day": WEEKDAYS[weekday], "n": interval}
        return (
            ngettext("%(ordinal)s %(day)s of every month", "%(ordinal)s %(day)s of every %(n)s months", interval)
            % values
        )
    if rule._freq == MONTHLY and rule._bymonthday and len(rule._bymonthday) == 1 and not rule._bynweekday:
        values = {"day": rule._bymonthday[0], "n": interval}
        return ngettext("day %(day)s of every month", "day %(day)s of every %(n)s months", interval) % values
    return None


def describe(series) -> str:
    """The series' rule, start time and time zone in the active language."""
    try:
        start = datetime.combine(series.first_date, series.start_time)
        rule = rrulestr(series.rrule, dtstart=start, ignoretz=True)
        pattern = _pattern(rule)
    except (ValueError, TypeError, AttributeError):
        pattern = None
    values = {"pattern": capfirst(pattern) if pattern else series.rrule, "time": time_format(series.start_time, "H:i")}
    named = zone_name(series.time_zone)
    if named != series.time_zone:
        # The reader's language names this zone itself ("ម៉ោងភ្នំពេញ"): no city in English inside it.
        return _("%(pattern)s, %(time)s (%(zone)s)") % {**values, "zone": named}
    place = series.time_zone.rsplit("/", 1)[-1].replace("_", " ")
    return _("%(pattern)s, %(time)s %(place)s time") % {**values, "place": place}
