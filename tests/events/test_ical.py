from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from events import services
from events.models import CalendarFeed
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def series(coordinator):
    with time_machine.travel(NOW, tick=False):
        return services.series_create(
            by=coordinator,
            title="Monthly learning meeting",
            rrule="FREQ=MONTHLY;BYDAY=1FR",
            first_date=date(2026, 2, 1),
            start_time=time(8, 30),
            duration_minutes=90,
            time_zone="Asia/Phnom_Penh",
            months_ahead=3,
            online_url="https://meet.example/monthly",
        )


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.usefixtures("at_now")
class TestSeriesFeed:
    def test_feed_parses_with_time_zone_alarm_and_stable_uids(self, member_client, series):
        url = reverse("events:series_export", args=[series.slug])
        calendar = parse(member_client.get(url))
        timezones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
        assert timezones == ["Asia/Phnom_Penh"]
        events = events_of(calendar)
        assert len(events) == 3
        first = events[0]
        assert first["DTSTART"].params["TZID"] == "Asia/Phnom_Penh"
        assert first.decoded("DTSTART") == datetime(2026, 2, 6, 8, 30, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
        assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=90)
        assert str(first["STATUS"]) == "CONFIRMED"
        assert first["SEQUENCE"] == 0
        alarm = first.walk("VALARM")[0]
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)
        assert "https://meet.example/monthly" in str(first["DESCRIPTION"])
        again = events_of(parse(member_client.get(url)))
        assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]

    def test_moved_meeting_shows_its_new_time_with_a_higher_sequence(self, member_client, coordinator, series):
        meeting = series.meetings.order_by("starts_at")[1]
        uid = str(meeting.uid)
        phnom_penh = ZoneInfo("Asia/Phnom_Penh")
        services.meeting_update(
            meeting=meeting,
            by=coordinator,
            starts_at=datetime(2026, 3, 13, 14, 0, tzinfo=phnom_penh),
            ends_at=datetime(2026, 3, 13, 15, 30, tzinfo=phnom_penh),
        )
        events = {
            str(e["UID"]).split("@")[0]: e
            for e in events_of(parse(member_client.get(reverse("events:series_export", args=[series.slug]))))
        }
        moved = events[uid]
        assert moved.decoded("DTSTART") == datetime(2026, 3, 13, 14, 0, tzinfo=phnom_penh)
        assert moved["SEQUENCE"] == 1

    def test_cancelled_meeting_is_marked_cancelled(self, member_client, coordinator, series):
        meeting = series.meetings.order_by("starts_at").first()
        services.meeting_cancel(meeting=meeting, by=coordinator, reason="Holiday")
        event = events_of(parse(member_client.get(reverse("events:series_export", args=[series.slug]))))[0]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 1
        assert not event.walk("VALARM")

    def test_anonymous_needs_a_token(self, client, member, series):
        url = reverse("events:series_export", args=[series.slug])
        assert client.get(url).status_code == 404
        feed = services.calendar_feed_for(member)
        assert len(events_of(parse(client.get(url + f"?token={feed.token}")))) == 3
        assert client.get(url + "?token=wrong").status_code == 404


@pytest.mark.usefixtures("at_now")
class TestPersonalFeed:
    def test_personal_feed_has_my_audience_and_can_be_revoked(self, member_client, member, cop_pwd):
        network = MeetingFactory(title="Network meeting")
        mine = MeetingFactory(title="My community", community=cop_pwd)
        MeetingFactory(
            title="Someone else's community", community=type(cop_pwd).objects.create(name="Other", slug="other")
        )
        join(cop_pwd, member)
        feed = services.calendar_feed_for(member)
        anonymous = Client()
        url = reverse("events:calendar_feed_export", args=[feed.token])
        titles = sorted(str(e["SUMMARY"]) for e in events_of(parse(anonymous.get(url))))
        assert titles == ["My community", "Network meeting"]
        assert network and mine
        member_client.post(reverse("events:calendar_feed_revoke"))
        assert anonymous.get(url).status_code == 404
        new = CalendarFeed.objects.get(person=member)
        assert anonymous.get(reverse("events:calendar_feed_export", args=[new.token])).status_code == 200

    def test_personal_feed_speaks_its_owners_language(self, member):
        AgendaItemFactory(meeting=MeetingFactory(), title="Funding sustainability")
        member.language = "km"
        member.save()
        feed = services.calendar_feed_for(member)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")  # a calendar program asks in English, or in nothing
        event = events_of(parse(client.get(reverse("events:calendar_feed_export", args=[feed.token]))))[0]
        assert "ចូលរួមតាមអនឡាញ៖ https://meet.example/network" in str(event["DESCRIPTION"])

    def test_feed_settings_page_shows_the_address(self, member_client, member):
        html = member_client.get(reverse("events:calendar_feed_detail")).content.decode()
        assert CalendarFeed.objects.get(person=member).token in html

    def test_feed_of_a_person_no_longer_active_stops(self, member):
        feed = services.calendar_feed_for(member)
        member.is_active = False
        member.save()
        assert Client().get(reverse("events:calendar_feed_export", args=[feed.token])).status_code == 404


def test_single_meeting_ics_with_agenda_in_amsterdam_time(member_client):
    meeting = MeetingFactory(
        time_zone="Europe/Amsterdam",
        starts_at=datetime(2027, 7, 2, 8, 0, tzinfo=UTC),
        ends_at=datetime(2027, 7, 2, 9, 0, tzinfo=UTC),
    )
    AgendaItemFactory(meeting=meeting, title="Funding sustainability")
    calendar = parse(member_client.get(reverse("events:meeting_export", args=[meeting.pk])))
    event = events_of(calendar)[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == datetime(2027, 7, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert {sub.name for sub in calendar.walk("VTIMEZONE")[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert "Funding sustainability" in str(event["DESCRIPTION"])


def test_single_meeting_ics_needs_membership(client, pending_user):
    meeting = MeetingFactory()
    client.force_login(pending_user)
    assert client.get(reverse("events:meeting_export", args=[meeting.pk])).status_code == 403


def test_community_link_is_left_out_for_others(member_client, cop_pwd):
    meeting = MeetingFactory(community=cop_pwd, online_url="https://meet.example/secret")
    event = events_of(parse(member_client.get(reverse("events:meeting_export", args=[meeting.pk]))))[0]
    assert "secret" not in event.to_ical().decode()
