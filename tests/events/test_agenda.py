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
