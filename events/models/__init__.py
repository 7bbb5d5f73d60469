from .meetings import AgendaItem, Meeting, MeetingSeries
from .participation import Attendance, CalendarFeed, Minutes, MinutesVersion, Rsvp

__all__ = ["AgendaItem", "Attendance", "CalendarFeed", "Meeting", "MeetingSeries", "Minutes", "MinutesVersion", "Rsvp"]
