"""Days of the demo, counted from the day it is loaded, so the call is open and the draft can be submitted."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def day(offset: int) -> datetime.date:
    """The date `offset` days from today (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=offset)


def at(offset: int, hour: int = 9) -> datetime.datetime:
    """The moment at `hour` o'clock, Phnom Penh time, `offset` days from today."""
    return datetime.datetime.combine(day(offset), datetime.time(hour, 0), tzinfo=PHNOM_PENH)
