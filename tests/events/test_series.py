from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services
from events.enums import MeetingStatus
from events.models import Meeting, MeetingSeries
from tests.factories import MeetingSeriesFactory

pytestmark = pytest.mark.django_db
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)


def series_data(**overrides):
    data = {
        "title": "Monthly learning meeting",
        "description": "",
        "kind": "meeting",
        "community": "",
        "preset": "FREQ=MONTHLY;BYDAY=1FR",
        "custom_rule": "",
        "first_date": "2026-02-01",
        "start_time": "08:30",
        "duration_minutes": "90",
        "time_zone": "Asia/Phnom_Penh",
        "online_url": "https://meet.example/monthly",
        "venue": "",
        "months_ahead": "6",
    }
    data.update(overrides)
    return data


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.usefixtures("at_now")
class TestCreating:
    def test_coordinator_creates_the_first_friday_series(self, coordinator_client):
        response = coordinator_client.post(reverse("events:series_create"), series_data())
        series = MeetingSeries.objects.get()
        assert response.status_code == 302
        dates = [m.local_start for m in series.meetings.order_by("starts_at")]
        assert [d.date() for d in dates] == [
            date(2026, 2, 6),
            date(2026, 3, 6),
            date(2026, 4, 3),
            date(2026, 5, 1),
            date(2026, 6, 5),
            date(2026, 7, 3),
        ]
        first = series.meetings.order_by("starts_at").first()
        assert first.starts_at == datetime(2026, 2, 6, 1, 30, tzinfo=UTC)
        assert first.ends_at - first.starts_at == timedelta(minutes=90)
        assert first.online_url == "https://meet.example/monthly"

    def test_generating_again_creates_no_duplicates(self, coordinator):
        series = services.series_create(by=coordinator, **self.fields())
        count = series.meetings.count()
        services.series_generate(series=series)
        services.series_generate(series=series, since=series.first_date)
        assert series.meetings.count() == count == 6
        assert services.series_generate_all() == 0

    def fields(self):
        return {
            "title": "Every second Tuesday",
            "rrule": "FREQ=MONTHLY;BYDAY=2TU",
            "first_date": date(2026, 1, 1),
            "start_time": time(14, 0),
            "duration_minutes": 60,
            "time_zone": "Asia/Phnom_Penh",
            "months_ahead": 6,
        }

    def test_a_rule_that_gives_no_date_is_refused(self, coordinator_client):
        data = series_data(preset="custom", custom_rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        response = coordinator_client.post(reverse("events:series_create"), data)
        html = response.content.decode()
        assert "This rule gives no meeting date" in html
        assert 'value="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"' in html
        assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()

    def test_nonsense_rule_is_refused(self, coordinator_client):
        response = coordinator_client.post(
            reverse("events:series_create"), series_data(preset="custom", custom_rule="EVERY FULL MOON")
        )
        assert "not a recurrence rule we understand" in response.content.decode()
        assert not MeetingSeries.objects.exists()

    def test_words_instead_of_a_rule_get_an_example_not_a_python_error(self, coordinator_client):
        response = coordinator_client.post(
            reverse("events:series_create"), series_data(preset="custom", custom_rule="every second tuesday")
        )
        html = response.content.decode()
        assert "for example FREQ=MONTHLY;BYDAY=3WE for the third Wednesday of every month" in html
        assert "unpack" not in html
        assert not MeetingSeries.objects.exists()

    @pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=8,9,10"])
    def test_a_rule_more_often_than_daily_is_refused_before_anything_is_built(self, coordinator_client, rule):
        response = coordinator_client.post(
            reverse("events:series_create"), series_data(preset="custom", custom_rule=rule)
        )
        assert response.status_code == 200
        assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()

    def test_the_horizon_is_at_most_two_years(self, coordinator_client):
        response = coordinator_client.post(reverse("events:series_create"), series_data(months_ahead="600"))
        assert "Ensure this value is less than or equal to 24." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_a_rule_giving_more_than_500_meetings_is_refused(self, coordinator_client):
        data = series_data(preset="custom", custom_rule="FREQ=DAILY", months_ahead="24")
        response = coordinator_client.post(reverse("events:series_create"), data)
        assert "This rule gives more than 500 meetings up to the planning horizon." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_a_daily_series_for_a_year_is_planned(self, coordinator_client):
        data = series_data(preset="custom", custom_rule="FREQ=DAILY", months_ahead="12")
        assert coordinator_client.post(reverse("events:series_create"), data).status_code == 302
        assert Meeting.objects.count() == (date(2027, 1, 10) - date(2026, 2, 1)).days + 1

    @pytest.mark.parametrize("first_date", ["9999-12-01", "2031-01-11", "2023-12-31", "0001-01-01"])
    def test_a_first_date_more_than_five_years_ahead_or_two_back_is_refused(self, coordinator_client, first_date):
        response = coordinator_client.post(reverse("events:series_create"), series_data(first_date=first_date))
        assert response.status_code == 200
        assert "Choose a date from 10 January 2024 to 10 January 2031." in response.content.decode()
        assert not MeetingSeries.objects.exists()

    def test_the_service_refuses_a_far_first_date_too(self, coordinator):
        with pytest.raises(ValidationError) as refused:
            services.series_create(by=coordinator, **{**self.fields(), "first_date": date(9999, 12, 1)})
        assert refused.value.message_dict == {"first_date": ["Choose a date from 10 January 2024 to 10 January 2031."]}

    def test_custom_without_rule_asks_for_it(self, coordinator_client):
        response = coordinator_client.post(reverse("events:series_create"), series_data(preset="custom"))
        assert "Enter the custom rule" in response.content.decode()

    def test_online_link_must_be_a_url(self, coordinator_client):
        response = coordinator_client.post(reverse("events:series_create"), series_data(online_url="zoom meeting 123"))
        assert "Enter a valid URL." in response.content.decode()
        assert not MeetingSeries.objects.exists()

    def test_member_may_not_create_a_series(self, member_client):
        assert member_client.post(reverse("events:series_create"), series_data()).status_code == 403
        assert not MeetingSeries.objects.exists()


@pytest.mark.usefixtures("at_now")
class TestEditingTheSeries:
    @pytest.fixture
    def series(self, at_now, coordinator):
        return services.series_create(
            by=coordinator,
            title="Monthly",
            rrule="FREQ=MONTHLY;BYDAY=1FR",
            first_date=date(2025, 11, 1),
            start_time=time(8, 30),
            duration_minutes=90,
            time_zone="Asia/Phnom_Penh",
            months_ahead=6,
        )

    def test_edit_changes_only_future_meetings_not_changed_by_hand(self, series, coordinator):
        meetings = list(series.meetings.order_by("starts_at"))
        past, moved = meetings[0], meetings[3]
        services.meeting_update(
            meeting=moved,
            by=coordinator,
            starts_at=datetime(2026, 4, 10, 9, 0, tzinfo=PHNOM_PENH),
            ends_at=datetime(2026, 4, 10, 10, 30, tzinfo=PHNOM_PENH),
        )
        services.series_update(
            series=series, by=coordinator, start_time=time(9, 0), online_url="https://meet.example/new"
        )
        past.refresh_from_db()
        moved.refresh_from_db()
        assert past.local_start.time() == time(8, 30)
        assert moved.local_start == datetime(2026, 4, 10, 9, 0, tzinfo=PHNOM_PENH)
        assert moved.online_url == ""
        followers = series.meetings.filter(starts_at__gt=NOW, changed_by_hand=False)
        assert {m.local_start.time() for m in followers} == {time(9, 0)}
        assert {m.online_url for m in followers} == {"https://meet.example/new"}
        assert all(m.sequence == 1 for m in followers)

    def test_new_rule_removes_or_cancels_dates_it_no_longer_gives(self, series, coordinator, member):
        answered = series.meetings.filter(starts_at__gt=NOW).order_by("starts_at").first()
        services.rsvp_set(meeting=answered, person=member, response="yes")
        services.series_update(series=series, by=coordinator, rrule="FREQ=MONTHLY;BYDAY=2TU")
        answered.refresh_from_db()
        assert answered.status == MeetingStatus.CANCELLED
        future = series.meetings.filter(starts_at__gt=NOW, status=MeetingStatus.SCHEDULED)
        assert {m.local_start.weekday() for m in future} == {1}

    def test_facilitator_of_another_community_may_not_edit(self, client, series, facilitator):
        client.force_login(facilitator)
        assert client.get(reverse("events:series_update", args=[series.slug])).status_code == 403

    def test_series_page_lists_its_meetings(self, member_client, series):
        html = member_client.get(reverse("events:series_detail", args=[series.slug])).content.decode()
        assert "Next meetings" in html and "Earlier meetings" in html


def test_series_over_a_daylight_saving_change_keeps_its_local_time(coordinator):
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        series = MeetingSeriesFactory(
            rrule="FREQ=WEEKLY",
            first_date=date(2026, 3, 27),
            start_time=time(10, 0),
            time_zone="Europe/Amsterdam",
            months_ahead=2,
        )
        services.series_generate(series=series)
    before, after = series.meetings.order_by("starts_at")[:2]
    assert before.starts_at == datetime(2026, 3, 27, 9, 0, tzinfo=UTC)  # CET, UTC+1
    assert after.starts_at == datetime(2026, 4, 3, 8, 0, tzinfo=UTC)  # CEST from 29 March, UTC+2
