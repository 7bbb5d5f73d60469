# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from .views import calendar, feeds, imports, meetings, reports, series

app_name = "events"

urlpatterns = [
    path("", calendar.month, name="meeting_calendar"),
    path("upcoming/", calendar.upcoming, name="meeting_list_upcoming"),
    path("past/", calendar.past, name="meeting_list_past"),
    path("series/new/", series.series_create, name="series_create"),
    path("series/<slug:slug>/", series.series_detail, name="series_detail"),
    path("series/<slug:slug>/edit/", series.series_update, name="series_update"),
    path("series/<slug:slug>.ics", feeds.series_feed, name="series_export"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>.ics", feeds.meeting_ics, name="meeting_export"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/reinstate/", meetings.meeting_reinstate, name="meeting_reinstate"),
    path("meetings/<int:pk>/rsvp/", meetings.rsvp, name="rsvp_set"),
    path("meetings/<int:pk>/agenda/", meetings.agenda, name="agenda_item_list"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", meetings.agenda_item_update, name="agenda_item_update"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/delete/", meetings.agenda_item_delete, name="agenda_item_delete"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", meetings.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/slides/", meetings.slides, name="slides_download"),
    path("meetings/<int:pk>/responses/", meetings.responses, name="rsvp_list"),
    path("meetings/<int:pk>/responses.csv", meetings.responses_csv, name="rsvp_export"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance_record"),
    path("meetings/<int:pk>/attendance/import/", imports.attendance_import, name="attendance_import"),
    path(
        "meetings/<int:pk>/attendance/import/check/",
        imports.attendance_import_confirm,
        name="attendance_import_confirm",
    ),
    path("meetings/<int:pk>/minutes/", meetings.minutes_edit, name="minutes_update"),
    path("meetings/<int:pk>/minutes/<int:number>/", meetings.minutes_version, name="minutes_version_detail"),
    path("feed/", feeds.feed_settings, name="calendar_feed_detail"),
    path("feed/new/", feeds.feed_revoke, name="calendar_feed_revoke"),
    path("feed/<str:token>.ics", feeds.personal_feed, name="calendar_feed_export"),
    path("attendance/", reports.attendance_report, name="attendance_report"),
    path(
        "attendance/organisations/",
        reports.organisation_participation,
        name="attendance_report_organisation",
    ),
    path(
        "attendance/organisations.csv",
        reports.organisation_participation_csv,
        name="attendance_export_organisation",
    ),
]
