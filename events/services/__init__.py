from .meetings import (
    agenda_item_delete,
    agenda_item_save,
    agenda_move,
    agenda_reorder,
    meeting_cancel,
    meeting_create,
    meeting_reinstate,
    meeting_update,
)
from .participation import (
    attendance_check_open,
    attendance_record,
    calendar_feed_for,
    calendar_feed_revoke,
    calendar_feed_url,
    minutes_save,
    rsvp_set,
)
from .report_import import attendance_import, report_match
from .series import occurrence_dates, series_create, series_generate, series_generate_all, series_update

__all__ = [
    "agenda_item_delete",
    "agenda_item_save",
    "agenda_move",
    "agenda_reorder",
    "attendance_check_open",
    "attendance_import",
    "attendance_record",
    "calendar_feed_for",
    "calendar_feed_revoke",
    "calendar_feed_url",
    "meeting_cancel",
    "meeting_create",
    "meeting_reinstate",
    "meeting_update",
    "minutes_save",
    "occurrence_dates",
    "report_match",
    "rsvp_set",
    "series_create",
    "series_generate",
    "series_generate_all",
    "series_update",
]
