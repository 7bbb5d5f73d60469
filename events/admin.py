from django.contrib import admin

from members.admin import CoordinatorAdmin

from .models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    GuestAttendance,
    Meeting,
    MeetingSeries,
    Minutes,
    MinutesVersion,
    Rsvp,
)


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(CoordinatorAdmin):
    list_display = ["title", "rrule", "first_date", "start_time", "time_zone", "community", "is_active"]
    list_filter = ["kind", "is_active", "community"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["presenter", "presenter_organisation"]


@admin.register(Meeting)
class MeetingAdmin(CoordinatorAdmin):
    list_display = ["title", "starts_at", "status", "kind", "community", "series", "changed_by_hand", "sequence"]
    list_filter = ["status", "kind", "community", "series"]
    search_fields = ["title", "description"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence", "occurrence_date", "changed_by_hand"]
    inlines = [AgendaItemInline]


@admin.register(Rsvp)
class RsvpAdmin(CoordinatorAdmin):
    list_display = ["meeting", "person", "response", "waitlisted", "responded_at"]
    list_filter = ["response", "waitlisted"]
    search_fields = ["person__email", "person__display_name", "meeting__title"]
    raw_id_fields = ["meeting", "person"]


@admin.register(Attendance)
class AttendanceAdmin(CoordinatorAdmin):
    list_display = ["meeting", "person", "organisation", "recorded_at"]
    search_fields = ["person__email", "person__display_name", "meeting__title"]
    raw_id_fields = ["meeting", "person"]


@admin.register(GuestAttendance)
class GuestAttendanceAdmin(CoordinatorAdmin):
    list_display = ["meeting", "name", "organisation_name", "organisation", "recorded_at"]
    search_fields = ["name", "organisation_name", "meeting__title"]
    raw_id_fields = ["meeting", "organisation"]


class MinutesVersionInline(admin.TabularInline):
    model = MinutesVersion
    extra = 0
    readonly_fields = ["number", "status", "saved_by", "saved_at", "body"]


@admin.register(Minutes)
class MinutesAdmin(CoordinatorAdmin):
    list_display = ["meeting", "status", "published_at", "updated_by"]
    list_filter = ["status"]
    inlines = [MinutesVersionInline]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(CoordinatorAdmin):
    list_display = ["person", "created_at"]
    readonly_fields = ["token"]
