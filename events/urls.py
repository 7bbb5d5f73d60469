from django.urls import path

from .views import calendar, feeds, meetings, reports, series

app_name = "events"

urlpatterns = [
    path("", calendar.month, name="calendar"),
    path("upcoming/", calendar.upcoming, name="upcoming"),
    path("past/", calendar.past, name="past"),
    path("series/new/", series.series_create, name="series_create"),
    path("series/<slug:slug>/", series.series_detail, name="series_detail"),
    path("series/<slug:slug>/edit/", series.series_update, name="series_update"),
    path("series/<slug:slug>.ics", feeds.series_feed, name="series_feed"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>.ics", feeds.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/rsvp/", meetings.rsvp, name="rsvp"),
    path("meetings/<int:pk>/agenda/", meetings.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", meetings.agenda_item_update, name="agenda_item_update"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/delete/", meetings.agenda_item_delete, name="agenda_item_delete"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", meetings.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/slides/", meetings.slides, name="slides"),
    path("meetings/<int:pk>/responses/", meetings.responses, name="responses"),
    path("meetings/<int:pk>/responses.csv", meetings.responses_csv, name="responses_csv"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/<int:number>/", meetings.minutes_version, name="minutes_version"),
    path("feed/", feeds.feed_settings, name="feed_settings"),
    path("feed/new/", feeds.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("attendance/", reports.attendance_report, name="attendance_report"),
]
