import hashlib
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.params import is_token, token_param
from common.permissions import login_required, permission_required

from .. import selectors, services
from ..ical import calendar_bytes
from ..models import CalendarFeed, Meeting, MeetingSeries

FEED_HISTORY_DAYS = 92


def _ics(content: bytes, filename: str, request=None, meetings=()) -> HttpResponse:
    """The calendar file. Given the request, it carries an ETag (a digest of the bytes, so anything that
    changes them, a language or a link shown, changes it) and Last-Modified (the newest meeting change), and
    a calendar program polling with If-None-Match or If-Modified-Since gets 304 when nothing changed."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if request is None:
        return response
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    changes = [meeting.updated_at for meeting in meetings]
    last_modified = int(max(changes).timestamp()) if changes else None
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, no-cache"
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


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
    if "token" in request.GET:
        token = token_param(request.GET, "token")
        feed = CalendarFeed.objects.select_related("person").filter(token=token).first() if token else None
        reader = feed.person if feed else None
    if reader is None or not reader.has_perm("events.view_meeting"):
        raise Http404
    # A calendar program sends no language of its own: the feed speaks its reader's.
    meetings = list(_feed_meetings(series.meetings.all()))
    with translation.override(reader.language or settings.LANGUAGE_CODE):
        content = calendar_bytes(
            meetings, name=series.title, can_see_link=lambda m: reader.has_perm("events.view_online_link", m)
        )
    return _ics(content, f"{series.slug}.ics", request, meetings)


def personal_feed(request, token):
    """Everything a person is invited to, on a secret address their calendar program polls."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first() if is_token(token) else None
    if feed is None or not feed.person.has_perm("events.view_meeting"):
        raise Http404
    person = feed.person
    meetings = list(_feed_meetings(selectors.audience_meetings(person)))
    with translation.override(person.language or settings.LANGUAGE_CODE):
        content = calendar_bytes(
            meetings, name=_("My meetings"), can_see_link=lambda m: person.has_perm("events.view_online_link", m)
        )
    return _ics(content, "my-meetings.ics", request, meetings)


@login_required
def feed_settings(request):
    if not request.user.has_perm("events.view_meeting"):
        raise Http404
    feed = services.calendar_feed_for(request.user)
    series = MeetingSeries.objects.filter(is_active=True).order_by("title")
    feed_url = services.calendar_feed_url(feed)
    # One tap: webcal:// opens the phone's or computer's calendar app; Google and Outlook take the address.
    webcal_url = "webcal://" + feed_url.split("://", 1)[-1]
    return render(
        request,
        "events/feed_settings.html",
        {
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "google_url": "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal_url}),
            "outlook_url": "https://outlook.live.com/calendar/0/addfromweb?"
            + urlencode({"url": feed_url, "name": _("My meetings")}),
            "token": feed.token,
            "series_list": series,
        },
    )


@require_POST
@login_required(form_page="events:calendar_feed_detail")
def feed_revoke(request):
    services.calendar_feed_revoke(person=request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("events:calendar_feed_detail")
