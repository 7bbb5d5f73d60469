from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.permissions import login_required, permission_required

from .. import selectors, services
from ..ical import calendar_bytes
from ..models import CalendarFeed, Meeting, MeetingSeries

FEED_HISTORY_DAYS = 92


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed_meetings(meetings):
    since = timezone.now() - timedelta(days=FEED_HISTORY_DAYS)
    return (
        meetings.filter(ends_at__gte=since)
        .select_related("community")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )


meeting_with_agenda = object_loader(Meeting.objects.prefetch_related("agenda_items"))


@permission_required("events.view_meeting", fn=meeting_with_agenda)
def meeting_ics(request, pk):
    meeting = meeting_with_agenda(request, pk)
    content = calendar_bytes(
        [meeting], name=meeting.title, can_see_link=lambda m: request.user.has_perm("events.view_online_link", m)
    )
    return _ics(content, f"meeting-{meeting.pk}.ics")


def series_feed(request, slug):
    """A series' calendar, for a signed-in member or for a calendar program holding a personal token."""
    series = get_object_or_404(MeetingSeries, slug=slug)
    reader = request.user if request.user.is_authenticated else None
    token = request.GET.get("token")
    if token:
        feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
        reader = feed.person if feed else None
    if reader is None or not reader.has_perm("events.view_meeting"):
        raise Http404
    # A calendar program sends no language of its own: the feed speaks its reader's.
    with translation.override(reader.language or settings.LANGUAGE_CODE):
        content = calendar_bytes(
            _feed_meetings(series.meetings.all()),
            name=series.title,
            can_see_link=lambda m: reader.has_perm("events.view_online_link", m),
        )
    return _ics(content, f"{series.slug}.ics")


def personal_feed(request, token):
    """Everything a person is invited to, on a secret address their calendar program polls."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.has_perm("events.view_meeting"):
        raise Http404
    person = feed.person
    with translation.override(person.language or settings.LANGUAGE_CODE):
        content = calendar_bytes(
            _feed_meetings(selectors.audience_meetings(person)),
            name=_("My meetings"),
            can_see_link=lambda m: person.has_perm("events.view_online_link", m),
        )
    return _ics(content, "my-meetings.ics")


@login_required
def feed_settings(request):
    if not request.user.has_perm("events.view_meeting"):
        raise Http404
    feed = services.calendar_feed_for(request.user)
    series = MeetingSeries.objects.filter(is_active=True).order_by("title")
    return render(
        request,
        "events/feed_settings.html",
        {"feed_url": services.calendar_feed_url(feed), "token": feed.token, "series_list": series},
    )


@require_POST
@login_required(form_page="events:calendar_feed_detail")
def feed_revoke(request):
    services.calendar_feed_revoke(person=request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("events:calendar_feed_detail")
