"""`{% load meetings %}`: how a meeting's time is shown."""

from django import template
from django.utils import formats, timezone

from common.templatetags.times import span_in_my_zone

register = template.Library()


@register.simple_tag
def meeting_when(meeting):
    """The meeting's time in the viewer's time zone, with the zone named: the zone is never a guess."""
    return span_in_my_zone(meeting.starts_at, meeting.ends_at)


@register.filter
def local_time(value, fmt="H:i"):
    return formats.time_format(timezone.localtime(value), fmt)


@register.filter
def series_rule(series) -> str:
    """ "First Friday of every month, 08:30 Phnom Penh time", in the reader's language."""
    from ..recurrence import describe

    return describe(series)
