from .meetings import AgendaItem, Meeting, MeetingSeries
from .participation import Attendance, CalendarFeed, GuestAttendance, Minutes, MinutesVersion, Rsvp

__all__ = [
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "GuestAttendance",
    "Meeting",
    "MeetingSeries",
    "Minutes",
    "MinutesVersion",
    "Rsvp",
]
