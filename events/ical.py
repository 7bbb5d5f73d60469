"""iCalendar feeds: one series, one person's meetings, or a single meeting."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from .enums import MeetingStatus

ALARM_BEFORE = timedelta(minutes=30)
# How often a subscribed calendar program should poll (RFC 7986 REFRESH-INTERVAL, and Outlook's own
# X-PUBLISHED-TTL); the feed answers 304 when nothing changed, so a poll is cheap.
REFRESH_EVERY = timedelta(hours=6)


def _uid(meeting) -> str:
    return f"{meeting.uid}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}"


def _description(meeting, *, with_link: bool) -> str:
    lines = []
    if meeting.description:
        lines.append(meeting.description)
    items = list(meeting.agenda_items.all())
    if items:
        lines.append(_("Agenda:"))
        lines.extend(f"- {item.title}" for item in items)
    if with_link and meeting.online_url:
        # The reminder e-mail's label, so both read the same and share one translation.
        lines.append(f"{_('Join online:')} {meeting.online_url}")
    if meeting.is_cancelled and meeting.cancellation_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": meeting.cancellation_reason})
    return "\n".join(lines)


def meeting_event(meeting, *, with_link: bool) -> Event:
    event = Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("created", meeting.created_at)
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    location = meeting.venue or (meeting.online_url if with_link else "")
    if location:
        event.add("location", location)
    description = _description(meeting, with_link=with_link)
    if description:
        event.add("description", description)
    if meeting.status != MeetingStatus.CANCELLED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", meeting.title)
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
    return event


def calendar_bytes(meetings, *, name: str, can_see_link, method: str = "PUBLISH") -> bytes:
    """can_see_link(meeting) says whether the feed's reader may see that meeting's online link.
    method CANCEL makes the file remove the meetings from the reader's calendar (an e-mailed cancellation)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.NETWORK_NAME}//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_EVERY, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_EVERY)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, with_link=can_see_link(meeting)))
    calendar.add_missing_timezones()
    return calendar.to_ical()
