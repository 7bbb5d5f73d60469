import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from events.models import AgendaItem
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


class TestAgenda:
    def test_coordinator_adds_reorders_and_removes_items(self, coordinator_client, organisation):
        meeting = MeetingFactory()
        url = reverse("events:agenda_item_list", args=[meeting.pk])
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

    def test_an_agenda_longer_than_the_meeting_is_refused(self, coordinator_client):
        meeting = MeetingFactory()  # 90 minutes
        AgendaItemFactory(meeting=meeting, duration_minutes=60)
        response = coordinator_client.post(
            reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "Long talk", "duration_minutes": "45"}
        )
        assert (
            "The agenda would take 105 minutes, longer than the meeting (90 minutes). "
            "Shorten an item, or make the meeting longer first." in response.content.decode()
        )
        assert meeting.agenda_items.count() == 1

    def test_an_item_of_an_agenda_already_too_long_may_still_be_shortened(self, coordinator):
        from events import services

        meeting = MeetingFactory()
        AgendaItemFactory(meeting=meeting, duration_minutes=80)
        item = AgendaItemFactory(meeting=meeting, duration_minutes=40)  # written before the check existed
        services.agenda_item_save(meeting=meeting, by=coordinator, item=item, duration_minutes=30)
        assert AgendaItem.objects.get(pk=item.pk).duration_minutes == 30

    def test_slides_of_a_wrong_type_are_refused(self, coordinator_client):
        meeting = MeetingFactory()
        exe = SimpleUploadedFile("slides.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        response = coordinator_client.post(
            reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "Talk", "slides": exe}
        )
        assert "Slides must be one of" in response.content.decode()
        assert 'value="Talk"' in response.content.decode()
        assert not AgendaItem.objects.exists()

    def test_pdf_slides_are_kept(self, coordinator_client):
        meeting = MeetingFactory()
        pdf = SimpleUploadedFile("talk.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
        coordinator_client.post(reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "Talk", "slides": pdf})
        assert AgendaItem.objects.get().slides.name.endswith(".pdf")

    def test_member_may_not_edit_the_agenda(self, member_client):
        item = AgendaItemFactory()
        assert member_client.get(reverse("events:agenda_item_list", args=[item.meeting_id])).status_code == 403
        assert (
            member_client.post(reverse("events:agenda_item_delete", args=[item.meeting_id, item.pk])).status_code == 403
        )
        assert AgendaItem.objects.filter(pk=item.pk).exists()
