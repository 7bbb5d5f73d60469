from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from common.cache import forget
from events import services
from events.enums import MeetingStatus, MinutesStatus
from events.models import AgendaItem, Attendance, Meeting, Rsvp
from tests.conftest import queries_for
from tests.events.conftest import join
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.events import AgendaItemFactory, MeetingFactory, PastMeetingFactory

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

    def test_online_link_must_be_a_url(self, coordinator_client):
        response = coordinator_client.post(reverse("events:meeting_create"), meeting_data(online_url="zoom 123"))
        assert "Enter a valid URL." in response.content.decode()
        assert not Meeting.objects.exists()

    def test_member_may_not_add(self, member_client):
        assert member_client.post(reverse("events:meeting_create"), meeting_data()).status_code == 403

    def test_facilitator_plans_only_for_their_community(self, client, community, community_facilitator):
        client.force_login(community_facilitator)
        response = client.post(reverse("events:meeting_create"), meeting_data(community=community.pk))
        assert response.status_code == 302
        assert Meeting.objects.get().community == community
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

    def test_facilitator_runs_their_community_meetings_only(self, client, community, community_facilitator):
        own = MeetingFactory(community=community)
        network = MeetingFactory()
        client.force_login(community_facilitator)
        assert client.get(reverse("events:meeting_update", args=[own.pk])).status_code == 200
        assert client.get(reverse("events:meeting_update", args=[network.pk])).status_code == 403


class TestAgenda:
    def test_coordinator_adds_reorders_and_removes_items(self, coordinator_client, organisation):
        meeting = MeetingFactory()
        url = reverse("events:agenda", args=[meeting.pk])
        for title in ["News from members", "Coping and Stress Management During the Time of COVID"]:
            coordinator_client.post(
                url,
                {
                    "title": title,
                    "presenter_organisation": organisation.pk if "COVID" in title else "",
                    "duration_minutes": "30",
                },
            )
        first, second = meeting.agenda_items.order_by("position")
        coordinator_client.post(reverse("events:agenda_item_move", args=[meeting.pk, second.pk]), {"direction": "up"})
        assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
            "Coping and Stress Management During the Time of COVID",
            "News from members",
        ]
        coordinator_client.post(reverse("events:agenda_item_delete", args=[meeting.pk, first.pk]))
        assert list(meeting.agenda_items.values_list("title", flat=True)) == [
            "Coping and Stress Management During the Time of COVID"
        ]
        assert escape(organisation.name) in coordinator_client.get(meeting.get_absolute_url()).content.decode()

    def test_slides_of_a_wrong_type_are_refused(self, coordinator_client):
        meeting = MeetingFactory()
        exe = SimpleUploadedFile("slides.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        response = coordinator_client.post(
            reverse("events:agenda", args=[meeting.pk]), {"title": "Talk", "slides": exe}
        )
        assert "Slides must be one of" in response.content.decode()
        assert 'value="Talk"' in response.content.decode()
        assert not AgendaItem.objects.exists()

    def test_pdf_slides_are_kept(self, coordinator_client):
        meeting = MeetingFactory()
        pdf = SimpleUploadedFile("talk.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
        coordinator_client.post(reverse("events:agenda", args=[meeting.pk]), {"title": "Talk", "slides": pdf})
        assert AgendaItem.objects.get().slides.name.endswith(".pdf")

    def test_member_may_not_edit_the_agenda(self, member_client):
        item = AgendaItemFactory()
        assert member_client.get(reverse("events:agenda", args=[item.meeting_id])).status_code == 403
        assert (
            member_client.post(reverse("events:agenda_item_delete", args=[item.meeting_id, item.pk])).status_code == 403
        )
        assert AgendaItem.objects.filter(pk=item.pk).exists()


class TestRsvp:
    def test_member_answers_with_an_accessibility_need(self, member_client, member):
        meeting = MeetingFactory()
        response = member_client.post(
            reverse("events:rsvp", args=[meeting.pk]),
            {"response": "yes", "needs": ["sign_language", "interpret_km_en"], "note": "Coming with a colleague"},
        )
        assert response.status_code == 302
        rsvp = Rsvp.objects.get()
        assert (rsvp.person, rsvp.response, rsvp.needs, rsvp.waitlisted) == (
            member,
            "yes",
            ["sign_language", "interpret_km_en"],
            False,
        )

    def test_other_need_must_be_described_and_input_is_kept(self, member_client):
        meeting = MeetingFactory()
        response = member_client.post(
            reverse("events:rsvp", args=[meeting.pk]), {"response": "yes", "needs": ["other"], "note": "Typed note"}
        )
        assert response.status_code == 400
        assert "Please describe the other need." in response.content.decode()
        assert 'value="Typed note"' in response.content.decode()
        assert not Rsvp.objects.exists()

    def test_full_meeting_puts_people_on_a_waiting_list_and_frees_places(self, django_capture_on_commit_callbacks):
        meeting = MeetingFactory(capacity=1)
        first, second = UserFactory(), UserFactory()
        services.rsvp_set(meeting=meeting, person=first, response="yes")
        waiting = services.rsvp_set(meeting=meeting, person=second, response="yes")
        assert waiting.waitlisted is True
        with django_capture_on_commit_callbacks(execute=True):
            services.rsvp_set(meeting=meeting, person=first, response="no")
        waiting.refresh_from_db()
        assert waiting.waitlisted is False
        assert mail.outbox[-1].to == [second.email]
        assert "A place is free" in mail.outbox[-1].subject

    def test_answers_close_when_cancelled(self, member_client):
        meeting = MeetingFactory(status=MeetingStatus.CANCELLED)
        response = member_client.post(reverse("events:rsvp", args=[meeting.pk]), {"response": "yes"}, follow=True)
        assert "This meeting is cancelled; answers are closed." in response.content.decode()
        assert not Rsvp.objects.exists()

    def test_community_meeting_is_for_its_members(self, client, member, community):
        meeting = MeetingFactory(community=community)
        client.force_login(member)
        assert client.post(reverse("events:rsvp", args=[meeting.pk]), {"response": "yes"}).status_code == 403
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert "https://meet.example/network" not in html
        join(community, member)
        forget(member)
        client.force_login(member)
        assert client.post(reverse("events:rsvp", args=[meeting.pk]), {"response": "yes"}).status_code == 302

    def test_coordinator_sees_and_exports_responses(self, coordinator_client):
        meeting = MeetingFactory()
        person = AffiliationFactory(person__display_name="Srey Leak").person
        services.rsvp_set(meeting=meeting, person=person, response="yes", needs=["captions"])
        html = coordinator_client.get(reverse("events:responses", args=[meeting.pk])).content.decode()
        assert "Srey Leak" in html and "Captions" in html
        csv_text = coordinator_client.get(reverse("events:responses_csv", args=[meeting.pk])).content.decode(
            "utf-8-sig"
        )
        assert "Srey Leak" in csv_text and "Captions" in csv_text

    def test_member_may_not_see_responses(self, member_client):
        meeting = MeetingFactory()
        assert member_client.get(reverse("events:responses", args=[meeting.pk])).status_code == 403
        assert member_client.get(reverse("events:responses_csv", args=[meeting.pk])).status_code == 403


class TestAttendanceAndMinutes:
    def test_coordinator_records_a_whole_list_at_once(self, coordinator_client):
        meeting = PastMeetingFactory()
        came = AffiliationFactory().person
        stayed_away = UserFactory()
        url = reverse("events:attendance", args=[meeting.pk])
        html = coordinator_client.get(url).content.decode()
        assert came.name in html and stayed_away.name in html
        coordinator_client.post(url, {"people": [came.pk]})
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.HELD
        record = Attendance.objects.get()
        assert (record.person, record.organisation) == (came, came.affiliations.get().organisation)

    def test_attendance_waits_for_the_meeting(self, coordinator_client, member):
        meeting = MeetingFactory()
        response = coordinator_client.post(reverse("events:attendance", args=[meeting.pk]), {"people": [member.pk]})
        assert "once the meeting has started" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_member_may_not_record_attendance(self, member_client, member):
        meeting = PastMeetingFactory()
        assert (
            member_client.post(reverse("events:attendance", args=[meeting.pk]), {"people": [member.pk]}).status_code
            == 403
        )

    def test_draft_minutes_are_for_organisers_and_final_ones_for_members(self, coordinator_client, member):
        member_client = Client()
        member_client.force_login(member)
        meeting = PastMeetingFactory()
        coordinator_client.post(
            reverse("events:minutes_edit", args=[meeting.pk]), {"body": "**Draft** notes", "status": "draft"}
        )
        assert "Draft</strong> notes" not in member_client.get(meeting.get_absolute_url()).content.decode()
        coordinator_client.post(
            reverse("events:minutes_edit", args=[meeting.pk]), {"body": "**Final** notes", "status": "final"}
        )
        assert "<strong>Final</strong> notes" in member_client.get(meeting.get_absolute_url()).content.decode()
        meeting.minutes.refresh_from_db()
        assert meeting.minutes.published_at is not None
        assert list(meeting.minutes.versions.values_list("number", "status")) == [(2, "final"), (1, "draft")]
        version = coordinator_client.get(reverse("events:minutes_version", args=[meeting.pk, 1])).content.decode()
        assert "<strong>Draft</strong> notes" in version

    def test_minutes_are_rendered_inert(self, coordinator, member_client):
        meeting = PastMeetingFactory()
        services.minutes_save(
            meeting=meeting,
            by=coordinator,
            status=MinutesStatus.FINAL,
            body='<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))',
        )
        html = member_client.get(meeting.get_absolute_url()).content.decode()
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "javascript:" not in html

    def test_empty_final_minutes_are_refused(self, coordinator_client):
        meeting = PastMeetingFactory()
        response = coordinator_client.post(
            reverse("events:minutes_edit", args=[meeting.pk]), {"body": " ", "status": "final"}
        )
        assert "Final minutes cannot be empty." in response.content.decode()

    def test_member_may_not_write_minutes(self, member_client):
        meeting = PastMeetingFactory()
        assert (
            member_client.post(
                reverse("events:minutes_edit", args=[meeting.pk]), {"body": "x", "status": "final"}
            ).status_code
            == 403
        )


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
        html = member_client.get(reverse("dashboard")).content.decode()
        assert "Monthly learning meeting" in html
        assert html.index("Monthly learning meeting") < html.index("Full calendar")

    @pytest.mark.parametrize(
        "query", ["month=2027-13", "month=abc", "series=nope", "kind=party", "community=zzz", "page=x"]
    )
    def test_calendar_ignores_nonsense(self, member_client, query):
        assert member_client.get(reverse("events:calendar") + "?" + query).status_code == 200
        assert member_client.get(reverse("events:upcoming") + "?" + query).status_code == 200

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
        html = member_client.get(reverse("events:calendar") + "?month=2027-03&kind=workshop").content.decode()
        grid = html[html.index('<table class="month-grid">') :]
        assert "Budget workshop" in grid and "Monthly meeting" not in grid
        assert html.count("Budget workshop") == 3  # one entry on each of its three days

    def test_month_and_upcoming_query_counts_do_not_grow(self, member_client, django_assert_num_queries):
        start = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
        MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1))
        month_url = reverse("events:calendar") + "?month=2027-03"
        upcoming_url = reverse("events:upcoming")
        few_month, few_upcoming = queries_for(member_client, month_url), queries_for(member_client, upcoming_url)
        for hour in range(1, 200):
            MeetingFactory(starts_at=start + timedelta(hours=3 * hour), ends_at=start + timedelta(hours=3 * hour + 1))
        with django_assert_num_queries(few_month):
            response = member_client.get(month_url)
        assert sum(len(day.meetings) for week in response.context["weeks"] for day in week) >= 200
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
