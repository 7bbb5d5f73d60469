"""Guest presenters on the agenda, and presenters told they are on it (through the delivery ledger)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from common.models import Delivery, DeliveryStatus
from events import services
from events.models import AgendaItem
from events.services.presenters import AGENDA_PRESENTER
from tests.factories import MeetingFactory, PendingUserFactory, UserFactory

pytestmark = pytest.mark.django_db

GUEST = {
    "guest_name": "Sophea Lim",
    "guest_organisation": "BBC Media Action",
    "guest_email": "Sophea.Lim@bbcmediaaction.example",
    "guest_language": "en",
}


def ics_text(content) -> str:
    return content.decode() if isinstance(content, bytes) else content


def presenter_mail():
    return [m for m in mail.outbox if "on the agenda" in m.subject or "របៀបវារៈ" in m.subject]


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Monthly learning meeting", venue="Phnom Penh, CCC office")


def add_item(client, meeting, capture, **data):
    with capture(execute=True):
        return client.post(
            reverse("events:agenda_item_list", args=[meeting.pk]),
            {"title": "Radio for people with disabilities", "duration_minutes": "30", **data},
        )


class TestGuestPresenter:
    def test_guest_gets_the_agenda_and_an_ics_once(
        self, coordinator_client, meeting, django_capture_on_commit_callbacks
    ):
        services.agenda_item_save(meeting=meeting, by=None, title="Welcome", duration_minutes=15)
        response = add_item(coordinator_client, meeting, django_capture_on_commit_callbacks, **GUEST)
        assert response.status_code == 302
        item = AgendaItem.objects.get(guest_name="Sophea Lim")
        assert item.guest_organisation == "BBC Media Action"
        [message] = presenter_mail()
        assert message.to == ["sophea.lim@bbcmediaaction.example"]
        assert message.subject.startswith("You are on the agenda: Monthly learning meeting")
        assert "Hello Sophea Lim," in message.body
        # The agenda with start times: the welcome at the start, the guest's item 15 minutes later.
        start = meeting.local_start
        assert f"{start:%H:%M}  Welcome" in message.body
        assert f"{start + timedelta(minutes=15):%H:%M}  Radio for people with disabilities" in message.body
        assert "(Sophea Lim (BBC Media Action))" in message.body
        assert "/meetings/" not in message.body  # a guest cannot sign in: no link to the page
        filename, content, mimetype = message.attachments[0]
        assert (filename, mimetype) == (f"meeting-{meeting.pk}.ics", "text/calendar")
        assert "SUMMARY:Monthly learning meeting" in ics_text(content)
        row = Delivery.objects.get(kind=AGENDA_PRESENTER)
        assert (row.recipient_id, row.address, row.status) == (None, "sophea.lim@bbcmediaaction.example", "sent")

        # Saving the item again (a new title) tells nobody again; the ledger holds the occasion.
        with django_capture_on_commit_callbacks(execute=True):
            coordinator_client.post(
                reverse("events:agenda_item_update", args=[meeting.pk, item.pk]),
                {"title": "Radio for all", "duration_minutes": "30", **GUEST},
            )
        assert len(presenter_mail()) == 1

    def test_a_moved_meeting_tells_the_guest_again_with_the_new_time(
        self, coordinator, meeting, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.agenda_item_save(meeting=meeting, by=coordinator, title="Radio", **GUEST)
        new_start = meeting.starts_at + timedelta(days=7)
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(
                meeting=meeting, by=coordinator, starts_at=new_start, ends_at=new_start + timedelta(minutes=90)
            )
        first, second = presenter_mail()
        assert first.to == second.to == ["sophea.lim@bbcmediaaction.example"]
        assert "SEQUENCE:1" in ics_text(second.attachments[0][1])
        assert Delivery.objects.filter(kind=AGENDA_PRESENTER, status=DeliveryStatus.SENT).count() == 2

    def test_a_guest_hears_of_a_cancellation_and_of_its_undoing(
        self, coordinator, meeting, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.agenda_item_save(meeting=meeting, by=coordinator, title="Radio", **GUEST)
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_cancel(meeting=meeting, by=coordinator, reason="Khmer New Year")
        to_guest = [m for m in mail.outbox if m.to == ["sophea.lim@bbcmediaaction.example"]]
        assert [m.subject.split(":")[0] for m in to_guest] == ["You are on the agenda", "Cancelled"]
        cancel = to_guest[1]
        assert "Hello Sophea Lim," in cancel.body and "Khmer New Year" in cancel.body
        assert "/meetings/" not in cancel.body
        assert "METHOD:CANCEL" in ics_text(cancel.attachments[0][1])
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_reinstate(meeting=meeting, by=coordinator)
        to_guest = [m for m in mail.outbox if m.to == ["sophea.lim@bbcmediaaction.example"]]
        assert len(to_guest) == 3 and to_guest[2].subject.startswith("You are on the agenda")
        assert "SEQUENCE:2" in ics_text(to_guest[2].attachments[0][1])

    def test_guest_reads_it_in_the_language_chosen_for_them(
        self, coordinator, meeting, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.agenda_item_save(
                meeting=meeting, by=coordinator, title="Radio", **{**GUEST, "guest_language": "km"}
            )
        [message] = presenter_mail()
        assert "សួស្តី" in message.body

    def test_a_guest_email_without_a_name_is_refused(
        self, coordinator_client, meeting, django_capture_on_commit_callbacks
    ):
        response = add_item(
            coordinator_client, meeting, django_capture_on_commit_callbacks, guest_email="x@example.org"
        )
        assert response.status_code == 200
        assert "Give the guest presenter&#x27;s name." in response.content.decode()
        assert not AgendaItem.objects.exists()
        assert mail.outbox == []

    def test_a_malformed_guest_email_is_refused(self, coordinator_client, meeting, django_capture_on_commit_callbacks):
        response = add_item(
            coordinator_client,
            meeting,
            django_capture_on_commit_callbacks,
            **{**GUEST, "guest_email": "not an address\r\nBcc: x@example.org"},
        )
        assert response.status_code == 200
        assert not AgendaItem.objects.exists()

    def test_no_notice_for_a_meeting_that_is_over(self, coordinator, django_capture_on_commit_callbacks):
        meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=1))
        with django_capture_on_commit_callbacks(execute=True):
            services.agenda_item_save(meeting=meeting, by=coordinator, title="Radio", **GUEST)
        assert presenter_mail() == []

    def test_the_agenda_page_shows_the_guest_fieldset(self, coordinator_client, meeting):
        page = coordinator_client.get(reverse("events:agenda_item_list", args=[meeting.pk])).content.decode()
        assert "<legend>Guest presenter</legend>" in page

    def test_a_member_may_not_add_a_guest_presenter(self, member_client, meeting):
        response = member_client.post(reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "x", **GUEST})
        assert response.status_code == 403
        assert not AgendaItem.objects.exists()
        assert mail.outbox == []


class TestMemberPresenter:
    def test_member_presenter_is_told_in_their_language_with_a_link(
        self, coordinator_client, meeting, django_capture_on_commit_callbacks
    ):
        speaker = UserFactory(display_name="Vanna Speaker", language="km")
        add_item(coordinator_client, meeting, django_capture_on_commit_callbacks, presenter=speaker.pk)
        [message] = presenter_mail()
        assert message.to == [speaker.email]
        assert "សួស្តី Vanna Speaker" in message.body
        assert f"/meetings/{meeting.pk}/" in message.body
        assert Delivery.objects.get(kind=AGENDA_PRESENTER).recipient == speaker

    def test_a_second_item_for_the_same_member_tells_them_again(
        self, coordinator, meeting, django_capture_on_commit_callbacks
    ):
        speaker = UserFactory()
        for title in ["Opening", "Closing"]:
            with django_capture_on_commit_callbacks(execute=True):
                services.agenda_item_save(meeting=meeting, by=coordinator, title=title, presenter=speaker)
        first, second = presenter_mail()
        assert "Opening" in first.body and "Closing" not in first.body.split("Agenda")[0]
        assert "- Opening" in second.body and "- Closing" in second.body

    def test_people_waiting_for_approval_are_not_offered_nor_accepted(self, coordinator_client, meeting):
        pending = PendingUserFactory(display_name="Chenda Pending")
        UserFactory(display_name="Kosal Left", is_active=False)
        UserFactory(display_name="Bopha Active")
        page = coordinator_client.get(reverse("events:agenda_item_list", args=[meeting.pk])).content.decode()
        assert "Bopha Active" in page
        assert "Chenda Pending" not in page
        assert "Kosal Left" not in page
        response = coordinator_client.post(
            reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "Talk", "presenter": pending.pk}
        )
        assert response.status_code == 200
        assert not AgendaItem.objects.exists()

    def test_the_service_refuses_a_pending_presenter(self, coordinator, meeting):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as error:
            services.agenda_item_save(meeting=meeting, by=coordinator, title="Talk", presenter=PendingUserFactory())
        assert error.value.message_dict == {
            "presenter": ["Only approved members can present; name a guest presenter instead."]
        }
