import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from common.cache import forget
from events import services
from events.enums import MeetingStatus, MinutesStatus
from events.models import Attendance, Rsvp
from tests.factories import AffiliationFactory, MeetingFactory, PastMeetingFactory, UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db


class TestRsvp:
    def test_member_answers_with_an_accessibility_need(self, member_client, member):
        meeting = MeetingFactory()
        response = member_client.post(
            reverse("events:rsvp_set", args=[meeting.pk]),
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
            reverse("events:rsvp_set", args=[meeting.pk]), {"response": "yes", "needs": ["other"], "note": "Typed note"}
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

    def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list_in_order(
        self, coordinator, django_capture_on_commit_callbacks
    ):
        meeting = MeetingFactory(capacity=1)
        first, second, third, fourth = UserFactory(), UserFactory(), UserFactory(), UserFactory()
        for person in (first, second, third, fourth):
            services.rsvp_set(meeting=meeting, person=person, response="yes")
        assert list(meeting.rsvps.filter(waitlisted=True).values_list("person", flat=True)) == [
            second.pk,
            third.pk,
            fourth.pk,
        ]
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(meeting=meeting, by=coordinator, capacity=3)

        places = dict(meeting.rsvps.values_list("person", "waitlisted"))
        assert places == {first.pk: False, second.pk: False, third.pk: False, fourth.pk: True}
        assert sorted(message.to[0] for message in mail.outbox) == sorted([second.email, third.email])
        assert all("A place is free" in message.subject for message in mail.outbox)

    def test_lifting_the_limit_gives_everyone_waiting_a_place(self, coordinator, django_capture_on_commit_callbacks):
        meeting = MeetingFactory(capacity=1)
        people = [UserFactory() for _ in range(3)]
        for person in people:
            services.rsvp_set(meeting=meeting, person=person, response="yes")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(meeting=meeting, by=coordinator, capacity=None)

        assert not meeting.rsvps.filter(waitlisted=True).exists()
        assert len(mail.outbox) == 2

    def test_lowering_the_capacity_takes_no_place_away(self, coordinator, django_capture_on_commit_callbacks):
        meeting = MeetingFactory(capacity=2)
        people = [UserFactory() for _ in range(3)]
        for person in people:
            services.rsvp_set(meeting=meeting, person=person, response="yes")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(meeting=meeting, by=coordinator, capacity=1)

        assert list(meeting.rsvps.order_by("pk").values_list("waitlisted", flat=True)) == [False, False, True]
        assert mail.outbox == []

    def test_answers_close_when_cancelled(self, member_client):
        meeting = MeetingFactory(status=MeetingStatus.CANCELLED)
        response = member_client.post(reverse("events:rsvp_set", args=[meeting.pk]), {"response": "yes"}, follow=True)
        assert "This meeting is cancelled; answers are closed." in response.content.decode()
        assert not Rsvp.objects.exists()

    def test_community_meeting_is_for_its_members(self, client, member, cop_pwd):
        meeting = MeetingFactory(community=cop_pwd)
        client.force_login(member)
        assert client.post(reverse("events:rsvp_set", args=[meeting.pk]), {"response": "yes"}).status_code == 403
        html = client.get(meeting.get_absolute_url()).content.decode()
        assert "https://meet.example/network" not in html
        join(cop_pwd, member)
        forget(member)
        client.force_login(member)
        assert client.post(reverse("events:rsvp_set", args=[meeting.pk]), {"response": "yes"}).status_code == 302

    def test_coordinator_sees_and_exports_responses(self, coordinator_client):
        meeting = MeetingFactory()
        person = AffiliationFactory(person__display_name="Srey Leak").person
        services.rsvp_set(meeting=meeting, person=person, response="yes", needs=["captions"])
        html = coordinator_client.get(reverse("events:rsvp_list", args=[meeting.pk])).content.decode()
        assert "Srey Leak" in html and "Captions" in html
        csv_text = coordinator_client.get(reverse("events:rsvp_export", args=[meeting.pk])).content.decode("utf-8-sig")
        assert "Srey Leak" in csv_text and "Captions" in csv_text

    def test_member_may_not_see_responses(self, member_client):
        meeting = MeetingFactory()
        assert member_client.get(reverse("events:rsvp_list", args=[meeting.pk])).status_code == 403
        assert member_client.get(reverse("events:rsvp_export", args=[meeting.pk])).status_code == 403


class TestAttendanceAndMinutes:
    def test_coordinator_records_a_whole_list_at_once(self, coordinator_client):
        meeting = PastMeetingFactory()
        came = AffiliationFactory().person
        stayed_away = UserFactory()
        url = reverse("events:attendance_record", args=[meeting.pk])
        html = coordinator_client.get(url).content.decode()
        assert came.name in html and stayed_away.name in html
        coordinator_client.post(url, {"people": [came.pk]})
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.HELD
        record = Attendance.objects.get()
        assert (record.person, record.organisation) == (came, came.affiliations.get().organisation)

    def test_attendance_waits_for_the_meeting(self, coordinator_client, member):
        meeting = MeetingFactory()
        response = coordinator_client.post(
            reverse("events:attendance_record", args=[meeting.pk]), {"people": [member.pk]}
        )
        assert "once the meeting has started" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_member_may_not_record_attendance(self, member_client, member):
        meeting = PastMeetingFactory()
        assert (
            member_client.post(
                reverse("events:attendance_record", args=[meeting.pk]), {"people": [member.pk]}
            ).status_code
            == 403
        )

    def test_draft_minutes_are_for_organisers_and_final_ones_for_members(self, coordinator_client, member):
        member_client = Client()
        member_client.force_login(member)
        meeting = PastMeetingFactory()
        coordinator_client.post(
            reverse("events:minutes_update", args=[meeting.pk]), {"body": "**Draft** notes", "status": "draft"}
        )
        assert "Draft</strong> notes" not in member_client.get(meeting.get_absolute_url()).content.decode()
        coordinator_client.post(
            reverse("events:minutes_update", args=[meeting.pk]), {"body": "**Final** notes", "status": "final"}
        )
        assert "<strong>Final</strong> notes" in member_client.get(meeting.get_absolute_url()).content.decode()
        meeting.minutes.refresh_from_db()
        assert meeting.minutes.published_at is not None
        assert list(meeting.minutes.versions.values_list("number", "status")) == [(2, "final"), (1, "draft")]
        version = coordinator_client.get(
            reverse("events:minutes_version_detail", args=[meeting.pk, 1])
        ).content.decode()
        assert "<strong>Draft</strong> notes" in version

    def test_published_minutes_stay_visible_while_a_new_draft_is_edited(self, coordinator_client, member):
        member_client = Client()
        member_client.force_login(member)
        meeting = PastMeetingFactory()
        url = reverse("events:minutes_update", args=[meeting.pk])
        coordinator_client.post(url, {"body": "**Published** notes", "status": "final"})

        coordinator_client.post(url, {"body": "**Reworked** notes", "status": "draft"})

        member_page = member_client.get(meeting.get_absolute_url()).content.decode()
        assert "<strong>Published</strong> notes" in member_page
        assert "Reworked" not in member_page
        organiser_page = coordinator_client.get(meeting.get_absolute_url()).content.decode()
        assert "<strong>Reworked</strong> notes" in organiser_page
        assert "Draft, not yet published" in organiser_page
        assert "Members read the published minutes until you publish this draft." in organiser_page
        meeting.minutes.refresh_from_db()
        assert meeting.minutes.published_at is not None

        coordinator_client.post(url, {"body": "**Reworked** notes", "status": "final"})
        member_page = member_client.get(meeting.get_absolute_url()).content.decode()
        assert "<strong>Reworked</strong> notes" in member_page
        assert "Published" not in member_page

    def test_members_may_still_read_minutes_published_before_a_new_draft(self, coordinator, member):
        meeting = PastMeetingFactory()
        services.minutes_save(meeting=meeting, by=coordinator, status=MinutesStatus.FINAL, body="Said.")
        services.minutes_save(meeting=meeting, by=coordinator, status=MinutesStatus.DRAFT, body="Saying more.")
        meeting.refresh_from_db()
        assert member.has_perm("events.view_minutes", meeting)
        assert (meeting.minutes.body, meeting.minutes.published_body) == ("Saying more.", "Said.")

    def test_the_published_minutes_keep_their_own_stored_html(self, coordinator, member, monkeypatch):
        meeting = PastMeetingFactory()
        services.minutes_save(meeting=meeting, by=coordinator, status=MinutesStatus.FINAL, body="**Said.**")
        services.minutes_save(meeting=meeting, by=coordinator, status=MinutesStatus.DRAFT, body="*Saying more.*")
        meeting.refresh_from_db()
        assert (meeting.minutes.body_html, meeting.minutes.published_body_html) == (
            "<p><em>Saying more.</em></p>",
            "<p><strong>Said.</strong></p>",
        )

        def no_rendering(text):
            raise AssertionError("a page rendered Markdown")

        monkeypatch.setattr("common.fields.render_markdown", no_rendering)
        client = Client()
        client.force_login(member)
        assert "<strong>Said.</strong>" in client.get(meeting.get_absolute_url()).content.decode()

    def test_draft_minutes_never_published_are_for_organisers_only(self, coordinator, member):
        meeting = PastMeetingFactory()
        services.minutes_save(meeting=meeting, by=coordinator, status=MinutesStatus.DRAFT, body="Notes.")
        meeting.refresh_from_db()
        assert not member.has_perm("events.view_minutes", meeting)

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
            reverse("events:minutes_update", args=[meeting.pk]), {"body": " ", "status": "final"}
        )
        assert "Final minutes cannot be empty." in response.content.decode()

    def test_member_may_not_write_minutes(self, member_client):
        meeting = PastMeetingFactory()
        assert (
            member_client.post(
                reverse("events:minutes_update", args=[meeting.pk]), {"body": "x", "status": "final"}
            ).status_code
            == 403
        )
