from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.enums import MeetingStatus
from events.models import Meeting
from tests.factories import AffiliationFactory, MeetingFactory, PastMeetingFactory
from tests.helpers import cold_queries_for, queries_for

pytestmark = pytest.mark.django_db
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def meeting_data(**overrides):
    data = {
        "title": "First consultation workshop",
        "kind": "workshop",
        "community": "",
        "description": "Proposals, key activities and budgets.",
        "start_date": "2027-11-08",
        "start_time": "08:30",
        "end_date": "2027-11-10",
        "end_time": "16:30",
        "time_zone": "Asia/Phnom_Penh",
        "online_url": "",
        "venue": "Phnom Penh",
        "capacity": "",
    }
    data.update(overrides)
    return data


class TestOneOffMeetings:
    def test_coordinator_adds_a_three_day_workshop(self, coordinator_client):
        response = coordinator_client.post(reverse("events:meeting_create"), meeting_data())
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert meeting.starts_at == datetime(2027, 11, 8, 1, 30, tzinfo=UTC)
        assert meeting.ends_at == datetime(2027, 11, 10, 9, 30, tzinfo=UTC)
        assert meeting.spans_days

    def test_end_before_start_is_refused_and_input_kept(self, coordinator_client):
        response = coordinator_client.post(reverse("events:meeting_create"), meeting_data(end_date="2027-11-07"))
        html = response.content.decode()
        assert "The meeting must end after it starts." in html
        assert (
            'value="Proposals, key activities and budgets."' in html or "Proposals, key activities and budgets." in html
        )
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize(
        ("start", "end"), [("9999-12-31", "9999-12-31"), ("2031-12-02", "2031-12-02"), ("2016-11-30", "2016-11-30")]
    )
    def test_a_meeting_is_planned_within_five_years_ahead_and_ten_back(self, coordinator_client, start, end):
        with time_machine.travel(datetime(2026, 12, 1, 3, tzinfo=UTC), tick=False):
            response = coordinator_client.post(
                reverse("events:meeting_create"), meeting_data(start_date=start, end_date=end)
            )
        assert "Choose a date from 1 December 2016 to 1 December 2031." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_a_meeting_lasts_at_most_two_weeks(self, coordinator_client):
        response = coordinator_client.post(reverse("events:meeting_create"), meeting_data(end_date="2027-11-23"))
        assert "A meeting lasts at most 14 days; add another for the rest." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_the_service_refuses_a_meeting_in_9999(self, coordinator):
        far = datetime(9999, 12, 30, tzinfo=UTC)
        with pytest.raises(ValidationError) as refused:
            services.meeting_create(by=coordinator, title="Far", starts_at=far, ends_at=far + timedelta(hours=1))
        assert list(refused.value.message_dict) == ["start_date"]

    def test_online_link_must_be_a_url(self, coordinator_client):
        response = coordinator_client.post(reverse("events:meeting_create"), meeting_data(online_url="zoom 123"))
        assert "Enter a valid URL." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_member_may_not_add(self, member_client):
        assert member_client.post(reverse("events:meeting_create"), meeting_data()).status_code == 403

    def test_facilitator_plans_only_for_their_community(self, client, cop_pwd, community_facilitator):
        client.force_login(community_facilitator)
        response = client.post(reverse("events:meeting_create"), meeting_data(community=cop_pwd.pk))
        assert response.status_code == 302
        assert Meeting.objects.get().community == cop_pwd
        response = client.post(reverse("events:meeting_create"), meeting_data(title="Network-wide"))
        assert "This field is required." in response.content.decode()
        assert Meeting.objects.count() == 1


class TestMovingAndCancelling:
    def test_moving_a_meeting_marks_it_and_raises_the_sequence(self, coordinator_client):
        meeting = MeetingFactory()
        url = reverse("events:meeting_update", args=[meeting.pk])
        new_day = (timezone.now() + timedelta(days=20)).astimezone(PHNOM_PENH).date()
        response = coordinator_client.post(
            url,
            meeting_data(
                title=meeting.title,
                kind="meeting",
                start_date=new_day,
                end_date=new_day,
                start_time="09:00",
                end_time="10:30",
                venue="",
            ),
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.local_start == datetime.combine(new_day, datetime.min.time().replace(hour=9), tzinfo=PHNOM_PENH)
        assert meeting.sequence == 1

    def test_moving_into_the_past_is_refused(self, coordinator_client):
        meeting = MeetingFactory()
        before = meeting.starts_at
        response = coordinator_client.post(
            reverse("events:meeting_update", args=[meeting.pk]),
            meeting_data(
                title=meeting.title,
                start_date="2020-01-03",
                end_date="2020-01-03",
                start_time="08:30",
                end_time="10:00",
            ),
        )
        assert "A meeting cannot be moved into the past." in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.starts_at == before and meeting.sequence == 0

    def test_cancelling_says_so_and_refuses_twice(self, coordinator_client):
        meeting = MeetingFactory()
        coordinator_client.post(reverse("events:meeting_cancel", args=[meeting.pk]), {"reason": "Khmer New Year"})
        meeting.refresh_from_db()
        assert (meeting.status, meeting.cancellation_reason, meeting.sequence) == (
            MeetingStatus.CANCELLED,
            "Khmer New Year",
            1,
        )
        response = coordinator_client.post(
            reverse("events:meeting_cancel", args=[meeting.pk]), {"reason": ""}, follow=True
        )
        assert "already cancelled" in response.content.decode()

    def test_member_may_not_move_or_cancel(self, member_client):
        meeting = MeetingFactory()
        assert member_client.get(reverse("events:meeting_update", args=[meeting.pk])).status_code == 403
        assert member_client.post(reverse("events:meeting_cancel", args=[meeting.pk]), {}).status_code == 403
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.SCHEDULED

    def test_facilitator_runs_their_community_meetings_only(self, client, cop_pwd, community_facilitator):
        own = MeetingFactory(community=cop_pwd)
        network = MeetingFactory()
        client.force_login(community_facilitator)
        assert client.get(reverse("events:meeting_update", args=[own.pk])).status_code == 200
        assert client.get(reverse("events:meeting_update", args=[network.pk])).status_code == 403


class TestPages:
    def test_meeting_page_shows_the_time_in_the_viewers_zone(self, client, member):
        meeting = MeetingFactory(
            starts_at=datetime(2027, 2, 5, 1, 30, tzinfo=UTC), ends_at=datetime(2027, 2, 5, 3, 0, tzinfo=UTC)
        )
        client.force_login(member)
        assert (
            "Friday 5 February 2027, 08:30–10:00 (Asia/Phnom_Penh)"
            in client.get(meeting.get_absolute_url()).content.decode()
        )
        member.time_zone = "Europe/Amsterdam"
        member.save()
        assert (
            "Friday 5 February 2027, 02:30–04:00 (Europe/Amsterdam)"
            in client.get(meeting.get_absolute_url()).content.decode()
        )

    def test_summer_time_in_amsterdam(self, client, member):
        member.time_zone = "Europe/Amsterdam"
        member.save()
        meeting = MeetingFactory(
            starts_at=datetime(2027, 7, 2, 1, 30, tzinfo=UTC), ends_at=datetime(2027, 7, 2, 3, 0, tzinfo=UTC)
        )
        client.force_login(member)
        assert (
            "Friday 2 July 2027, 03:30–05:00 (Europe/Amsterdam)"
            in client.get(meeting.get_absolute_url()).content.decode()
        )

    def test_online_link_is_for_members_only(self, client, pending_user):
        meeting = MeetingFactory()
        client.force_login(pending_user)
        assert client.get(meeting.get_absolute_url()).status_code == 403

    def test_dashboard_shows_the_next_meeting(self, member_client):
        MeetingFactory(title="Later", starts_at=timezone.now() + timedelta(days=40))
        MeetingFactory(title="Monthly learning meeting", starts_at=timezone.now() + timedelta(days=5))
        html = member_client.get(reverse("dashboard_detail")).content.decode()
        assert "Monthly learning meeting" in html
        assert html.index("Monthly learning meeting") < html.index("Full calendar")

    @pytest.mark.parametrize(
        "query", ["month=2027-13", "month=abc", "series=nope", "kind=party", "community=zzz", "page=x"]
    )
    def test_calendar_ignores_nonsense(self, member_client, query):
        assert member_client.get(reverse("events:meeting_calendar") + "?" + query).status_code == 200
        assert member_client.get(reverse("events:meeting_list_upcoming") + "?" + query).status_code == 200

    @pytest.mark.parametrize("month", ["0001-01", "9999-12", "1999-12", "2101-01", "²០២៦-01"])
    def test_a_month_the_calendar_cannot_show_gives_the_current_one_and_says_so(self, member_client, month):
        response = member_client.get(reverse("events:meeting_calendar"), {"month": month})
        assert response.status_code == 200
        assert response.context["month_start"] == timezone.localdate().replace(day=1)
        assert "The calendar cannot show that month; here is the current one." in response.content.decode()

    def test_month_view_filters_by_type(self, member_client):
        MeetingFactory(
            title="Monthly meeting",
            starts_at=datetime(2027, 3, 5, 1, 30, tzinfo=UTC),
            ends_at=datetime(2027, 3, 5, 3, tzinfo=UTC),
        )
        MeetingFactory(
            title="Budget workshop",
            kind="workshop",
            starts_at=datetime(2027, 3, 10, 1, 30, tzinfo=UTC),
            ends_at=datetime(2027, 3, 12, 9, tzinfo=UTC),
        )
        html = member_client.get(reverse("events:meeting_calendar") + "?month=2027-03&kind=workshop").content.decode()
        grid = html[html.index('<table class="month-grid">') :]
        assert "Budget workshop" in grid and "Monthly meeting" not in grid
        assert html.count("Budget workshop") == 3  # one entry on each of its three days

    def test_month_and_upcoming_query_counts_do_not_grow(self, member_client, django_assert_num_queries):
        start = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
        MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1))
        month_url = reverse("events:meeting_calendar") + "?month=2027-03"
        upcoming_url = reverse("events:meeting_list_upcoming")
        few_month, few_upcoming = queries_for(member_client, month_url), queries_for(member_client, upcoming_url)
        # The month's grid is kept rendered (events.views.calendar): a first visit after a change draws it.
        few_month_cold = cold_queries_for(member_client, month_url)
        for hour in range(1, 200):
            MeetingFactory(starts_at=start + timedelta(hours=3 * hour), ends_at=start + timedelta(hours=3 * hour + 1))
        assert cold_queries_for(member_client, month_url) == few_month_cold
        with django_assert_num_queries(few_month):
            response = member_client.get(month_url)
        assert response.content.decode().count('class="grid-meeting') >= 200
        with django_assert_num_queries(few_upcoming):
            member_client.get(upcoming_url)

    def test_attendance_report_is_for_coordinators(self, coordinator_client, member):
        meeting = PastMeetingFactory()
        services.attendance_record(meeting=meeting, people=[AffiliationFactory().person], by=None)
        response = coordinator_client.get(reverse("events:attendance_report"))
        assert response.status_code == 200
        assert sum(bar["count"] for bar in response.context["bars"]) == 1
        member_client = Client()
        member_client.force_login(member)
        assert member_client.get(reverse("events:attendance_report")).status_code == 403
