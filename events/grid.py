"""The month grid of the calendar page."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    meetings: list = field(default_factory=list)


def month_bounds(month_start: date) -> tuple[date, date]:
    """First and last day shown: whole weeks from Monday to Sunday around the month."""
    first = month_start - timedelta(days=month_start.weekday())
    last_of_month = month_start.replace(day=calendar.monthrange(month_start.year, month_start.month)[1])
    last = last_of_month + timedelta(days=6 - last_of_month.weekday())
    return first, last


def month_grid(month_start: date, meetings) -> list[list[Day]]:
    """Weeks of days, each day with the meetings that touch it in the viewer's time zone."""
    first, last = month_bounds(month_start)
    today = timezone.localdate()
    days = {}
    current = first
    while current <= last:
        days[current] = Day(date=current, in_month=current.month == month_start.month, is_today=current == today)
        current += timedelta(days=1)
    for meeting in meetings:
        start = timezone.localtime(meeting.starts_at).date()
        # A meeting ending at midnight does not touch the next day.
        end = timezone.localtime(meeting.ends_at - timedelta(microseconds=1)).date()
        day = max(start, first)
        while day <= min(end, last):
            days[day].meetings.append(meeting)
            day += timedelta(days=1)
    ordered = list(days.values())
    return [ordered[index : index + 7] for index in range(0, len(ordered), 7)]


def neighbour_months(month_start: date) -> tuple[date, date]:
    previous = (month_start - timedelta(days=1)).replace(day=1)
    following = (month_start + timedelta(days=32)).replace(day=1)
    return previous, following
