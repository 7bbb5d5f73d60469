"""Geometry of the server-drawn SVG charts. The Content-Security-Policy allows no inline styles or
scripts, so positions and sizes go into SVG attributes computed here, and colours come from site.css.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

CHART_WIDTH = 480
# At most this many lines across the chart: past four years the lines mark years, or groups of years, so that
# activities written before their dates were bounded (0001 to 9999) still give a small page.
MAX_LINES = 48


@dataclass
class TimelineRow:
    activity: object
    x: float
    width: float


def timeline_chart(activities) -> dict | None:
    """A bar per activity over the months the activities span, with a line at each month's start (at each
    year's, or every few years', when the span is longer than MAX_LINES months).

    Each row's SVG holds only the bar and the month lines and is stretched to the row's width, so the
    labels stay HTML text, readable on a phone.
    """
    activities = list(activities)
    if not activities:
        return None
    start = min(activity.starts_on for activity in activities).replace(day=1)
    last = max(activity.ends_on for activity in activities)
    try:
        end = (last.replace(day=1) + relativedelta(months=1)) - datetime.timedelta(days=1)
    except (ValueError, OverflowError):  # December 9999 has no month after it
        end = datetime.date.max
    scale = CHART_WIDTH / ((end - start).days + 1)
    span = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if span <= MAX_LINES else 12 * -(-span // (12 * MAX_LINES))

    def x_of(day: datetime.date) -> float:
        return round((day - start).days * scale, 1)

    rows = [
        TimelineRow(activity, x_of(activity.starts_on), max(round(activity.days * scale, 1), 3))
        for activity in activities
    ]
    months, month = [], start.replace(month=1) if step > 1 else start
    while month <= end:
        if month >= start:
            months.append(x_of(month))
        try:
            month += relativedelta(months=step)
        except (ValueError, OverflowError):
            break
    return {"width": CHART_WIDTH, "rows": rows, "month_lines": months[1:], "first": start, "last": end}


@dataclass
class SpendingBar:
    row: object
    approved_width: float
    spent_width: float


def spending_chart(rows) -> dict | None:
    """A pair of bars per row (its budget, as revised, and spent) on one scale, the largest amount at full width."""
    rows = list(rows)
    if not rows:
        return None

    def budget(row):
        return getattr(row, "budget", row.approved)

    highest = max(max(budget(row), row.spent) for row in rows) or 1

    def width(amount) -> float:
        return round(float(amount / highest) * CHART_WIDTH, 1)

    return {
        "width": CHART_WIDTH,
        "bars": [SpendingBar(row, width(budget(row)), width(row.spent)) for row in rows],
    }
