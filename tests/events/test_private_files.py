"""Agenda slides: private, given to whoever may see the meeting's page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from events.models import AgendaItem
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

SLIDES = b"%PDF-1.4 coping with stress"


@pytest.fixture
def item(private_media, coordinator_client):
    meeting = MeetingFactory()
    upload = SimpleUploadedFile("Stress management (draft 3).pdf", SLIDES, content_type="application/pdf")
    coordinator_client.post(
        reverse("events:agenda_item_list", args=[meeting.pk]), {"title": "Coping with stress", "slides": upload}
    )
    return AgendaItem.objects.get()


def slides_url(item: AgendaItem) -> str:
    return reverse("events:slides_download", args=[item.meeting_id, item.pk])


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_are_stored_privately_under_an_unguessable_name(item, private_media):
    assert re.fullmatch(r"slides/[A-Za-z0-9_-]{32}\.pdf", item.slides.name)
    assert (private_media / item.slides.name).read_bytes() == SLIDES


def test_a_member_gets_them_named_after_the_agenda_item(item, member):
    response = signed_in(member).get(slides_url(item))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SLIDES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Coping with stress.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"


def test_a_person_waiting_for_approval_is_refused(item, pending_user):
    assert signed_in(pending_user).get(slides_url(item)).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(item):
    response = Client().get(slides_url(item))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_item_without_slides_or_of_another_meeting_is_not_found(item, member, private_media):
    other = MeetingFactory()
    client = signed_in(member)
    assert client.get(reverse("events:slides_download", args=[other.pk, item.pk])).status_code == 404
    AgendaItem.objects.filter(pk=item.pk).update(slides="")
    assert client.get(slides_url(item)).status_code == 404


def test_behind_nginx_the_answer_is_empty(item, member, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
    response = signed_in(member).get(slides_url(item))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{item.slides.name}"


def test_the_meeting_page_and_the_edit_form_link_to_the_checked_view(item, member, coordinator_client):
    page = signed_in(member).get(item.meeting.get_absolute_url()).content.decode()
    assert f'href="{slides_url(item)}"' in page and "/media/" not in page
    form = coordinator_client.get(reverse("events:agenda_item_update", args=[item.meeting_id, item.pk]))
    assert f'href="{slides_url(item)}"' in form.content.decode()


def test_the_slides_can_still_be_removed(item, coordinator_client):
    coordinator_client.post(
        reverse("events:agenda_item_update", args=[item.meeting_id, item.pk]),
        {"title": "Coping with stress", "slides-clear": "on"},
    )
    item.refresh_from_db()
    assert item.slides.name == ""
