"""The coordinator's meeting work: the rule in words, the agenda's times, cancel and undo, feeds that poll cheaply."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.enums import MeetingStatus
from events.recurrence import describe
from tests.factories import AgendaItemFactory, MeetingFactory, PastMeetingFactory

pytestmark = pytest.mark.django_db


def rule(text, start=time(8, 30), zone="Asia/Phnom_Penh"):
    return SimpleNamespace(rrule=text, first_date=date(2026, 2, 6), start_time=start, time_zone=zone)


@pytest.mark.parametrize(
    "text, words",
    [
        ("FREQ=MONTHLY;BYDAY=1FR", "First Friday of every month, 08:30 Phnom Penh time"),
        ("FREQ=MONTHLY;BYDAY=-1WE;INTERVAL=3", "Last Wednesday of every 3 months, 08:30 Phnom Penh time"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "Every Monday and Thursday, 08:30 Phnom Penh time"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Day 15 of every month, 08:30 Phnom Penh time"),
        ("FREQ=YEARLY;BYMONTH=3,9", "FREQ=YEARLY;BYMONTH=3,9, 08:30 Phnom Penh time"),
    ],
)
def test_the_rule_is_said_in_words(text, words):
    with translation.override("en"):
        assert describe(rule(text)) == words


def test_the_series_page_says_its_rule_and_the_calendar_links_it(member_client, coordinator):
    series = services.series_create(
        by=coordinator,
        title="Monthly learning meeting",
        rrule="FREQ=MONTHLY;BYDAY=1FR",
        first_date=timezone.localdate(),
        start_time=time(8, 30),
        duration_minutes=90,
        time_zone="Asia/Phnom_Penh",
        months_ahead=2,
    )
    page = member_client.get(series.get_absolute_url()).content.decode()
    assert '<p class="lead">First Friday of every month, 08:30 Phnom Penh time</p>' in page
    calendar = member_client.get(reverse("events:meeting_calendar")).content.decode()
    assert f'<a href="{series.get_absolute_url()}" lang="en">Monthly learning meeting</a>' in calendar


def test_agenda_items_start_one_after_the_other_and_an_overrun_is_flagged(coordinator_client):
    meeting = MeetingFactory(starts_at=timezone.now().replace(hour=1, minute=30) + timedelta(days=3))
    AgendaItemFactory(meeting=meeting, title="Welcome", duration_minutes=15, position=1)
    AgendaItemFactory(meeting=meeting, title="Talk", duration_minutes=90, position=2)
    html = coordinator_client.get(reverse("events:agenda_item_list", args=[meeting.pk])).content.decode()
    assert ">08:30</time> <strong>Welcome" in html
    assert ">08:45</time> <strong>Talk" in html
    assert "The agenda runs 15 minutes past the end of the meeting." in html


def test_a_past_meeting_shows_who_attended_and_no_join_link(member_client):
    meeting = PastMeetingFactory()
    html = member_client.get(meeting.get_absolute_url()).content.decode()
    assert "0 people attended." in html
    assert "0 coming" not in html and "Who came" in html
    assert "Join online" not in html


def test_a_cancelled_meeting_hides_join_and_edit_and_the_cancellation_can_be_undone(coordinator_client, coordinator):
    meeting = MeetingFactory()
    services.meeting_cancel(meeting=meeting, by=coordinator, reason="Holiday")
    html = coordinator_client.get(meeting.get_absolute_url()).content.decode()
    assert "Join online" not in html and "Edit agenda" not in html
    assert "Undo the cancellation" in html
    response = coordinator_client.post(reverse("events:meeting_reinstate", args=[meeting.pk]), follow=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.sequence == 2 and meeting.cancellation_reason == ""
    assert "The cancellation was undone" in response.content.decode()
    # Undoing twice says so, and changes nothing.
    response = coordinator_client.post(reverse("events:meeting_reinstate", args=[meeting.pk]), follow=True)
    assert "This meeting is not cancelled." in response.content.decode()


def test_a_member_may_not_undo_a_cancellation(member_client, coordinator):
    meeting = MeetingFactory()
    services.meeting_cancel(meeting=meeting, by=coordinator)
    assert member_client.post(reverse("events:meeting_reinstate", args=[meeting.pk])).status_code == 403
    assert member_client.get(reverse("events:meeting_reinstate", args=[meeting.pk])).status_code in (403, 405)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_the_personal_feed_answers_304_when_nothing_changed(member):
    meeting = MeetingFactory()
    feed = services.calendar_feed_for(member)
    url = reverse("events:calendar_feed_export", args=[feed.token])
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in first.content
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # A change to a meeting changes the answer.
    meeting.title = "Moved"
    meeting.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_series_feed_answers_304_to_its_etag(member_client, coordinator):
    series = services.series_create(
        by=coordinator,
        title="Weekly",
        rrule="FREQ=WEEKLY;BYDAY=MO",
        first_date=timezone.localdate(),
        start_time=time(9),
        duration_minutes=60,
        time_zone="Asia/Phnom_Penh",
        months_ahead=1,
    )
    url = reverse("events:series_export", args=[series.slug])
    first = member_client.get(url)
    assert member_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_subscribe_page_offers_webcal_google_and_outlook(member_client, member):
    html = member_client.get(reverse("events:calendar_feed_detail")).content.decode()
    token = services.calendar_feed_for(member).token
    assert f'href="webcal://127.0.0.1:8000/calendar/feed/{token}.ics"' in html or "webcal://" in html
    assert "https://calendar.google.com/calendar/r?cid=webcal" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=" in html


def test_the_subscribe_page_is_for_members_only(client, pending_user):
    client.force_login(pending_user)
    assert client.get(reverse("events:calendar_feed_detail")).status_code == 404
