from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def meeting_when(meeting):
    """The meeting's time in the viewer's time zone, with the zone named: the zone is never a guess."""
    zone = timezone.get_current_timezone()
    start = timezone.localtime(meeting.starts_at, zone)
    end = timezone.localtime(meeting.ends_at, zone)
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
    return f"{text} ({zone.key if hasattr(zone, 'key') else zone})"


@register.filter
def local_time(value, fmt="H:i"):
    return formats.time_format(timezone.localtime(value), fmt)
