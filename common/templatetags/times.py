"""`{% load times %}`: a time shown in the viewer's time zone with the zone named, so it is never a guess.

`{{ call.closes_at|in_my_zone }}` for a moment; `span_in_my_zone(start, end)` for a meeting's time;
`{{ user.time_zone|zone_name }}` for a zone alone. Zones are named in the reader's language (common.zones).
"""

from datetime import UTC, timedelta

from django import template
from django.utils import formats, timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from common.zones import zone_name

register = template.Library()


def _zone_named(text: str, zone) -> str:
    return f"{text} ({zone_name(zone)})"


@register.filter(name="zone_name")
def zone_name_filter(zone) -> str:
    """A time zone (IANA name or ZoneInfo) as the reader names it: `{{ user.time_zone|zone_name }}`."""
    return zone_name(zone)


@register.filter
def in_my_zone(moment) -> str:
    """A moment in the viewer's time zone, with the zone named: "Friday 7 March 2025, 14:00 (Asia/Phnom_Penh)"."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    local = timezone.localtime(moment, zone)
    return _zone_named(formats.date_format(local, "l j F Y, H:i"), zone)


@register.simple_tag
def span_in_my_zone(start, end) -> str:
    """From `start` to `end` in the viewer's time zone with the zone named; the day once when both share it."""
    zone = timezone.get_current_timezone()
    start = timezone.localtime(start, zone)
    end = timezone.localtime(end, zone)
    if start.date() == end.date():
        text = _("%(day)s, %(start)s–%(end)s") % {
            "day": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    else:
        text = _("%(start)s to %(end)s") % {
            "start": formats.date_format(start, "l j F Y, H:i"),
            "end": formats.date_format(end, "l j F Y, H:i"),
        }
    return _zone_named(text, zone)


@register.filter
def machine_time(moment) -> str:
    """The value of a `<time datetime>`: UTC to the second, "2025-03-07T07:00:00Z" (no microseconds, which
    the HTML standard does not allow in that form)."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.filter
def time_since(moment) -> str:
    """How long ago, as `timesince` says it, but "just now" under a minute instead of "0 minutes"."""
    if moment is None:
        return ""
    if timezone.now() - moment < timedelta(minutes=1):
        return _("just now")
    return timesince(moment)
