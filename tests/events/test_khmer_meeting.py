"""A coordinator runs a whole monthly meeting in Khmer: plans the series, sets its agenda, the reminder
goes out in each recipient's language, a member answers, the coordinator records who came and writes
the minutes. Every page and e-mail on the way speaks Khmer to Khmer readers."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from common.language import script_lang
from common.models import Delivery, DeliveryStatus
from events.enums import MinutesStatus, RsvpResponse
from events.models import MeetingSeries, Rsvp
from events.services.reminders import MEETING_REMINDER
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

PLANNED = datetime(2027, 2, 10, 3, 0, tzinfo=UTC)
START = datetime(2027, 3, 5, 1, 30, tzinfo=UTC)  # the first Friday of March, 08:30 in Phnom Penh
TITLE = "កិច្ចប្រជុំសិក្សាប្រចាំខែរបស់បណ្តាញ"  # "The network's monthly learning meeting"
DESCRIPTION = "ព័ត៌មានពីសមាជិក បទបង្ហាញ និងការពិភាក្សា។"  # "News from members, a talk and a discussion."
TALK = "គោលនយោបាយការពារកុមារ៖ ពីឯកសារ ទៅការអនុវត្ត"  # "Child protection policy: from paper to practice"
NEWS = "ព័ត៌មានថ្មីៗពីអង្គការសមាជិក"  # "News from member organisations"
MINUTES = "## ព័ត៌មានថ្មីៗ\n\n- អង្គការចំនួនប្រាំបួនបានចូលរួម។\n- **កិច្ចការបន្ទាប់៖** ចែករំលែកគោលនយោបាយ។"
ONLINE = "https://meet.example/monthly"
KHMER = re.compile("[\u1780-\u17ff]")


def at(moment):
    return time_machine.travel(moment, tick=False)


def khmer(text: str) -> str:
    with translation.override("km"):
        return gettext(text)


def english_words(text: str, *, user_text: list[str]) -> list[str]:
    """The Latin-script words left in text once the user's own text, addresses and the zone name are taken out."""
    for piece in [*user_text, "Asia/Phnom_Penh"]:
        text = text.replace(piece, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def signed_in(person) -> Client:
    """A session of its own, started at the (travelled) time it is used, so that it has not expired."""
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def sokha(db):
    return CoordinatorFactory(display_name="Sokha Chan", language="km")


@pytest.fixture
def dara(db):
    return UserFactory(email="dara@ngo.example", display_name="Dara Kim", language="km")


@pytest.fixture
def vuthy(db):
    return UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok", language="en")


def plan_the_series(client):
    response = client.get(reverse("events:series_create"))
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()
    assert '<html lang="km"' in page
    assert khmer("First Friday of every month") in page
    response = client.post(
        reverse("events:series_create"),
        {
            "title": TITLE,
            "description": DESCRIPTION,
            "kind": "meeting",
            "community": "",
            "preset": "FREQ=MONTHLY;BYDAY=1FR",
            "custom_rule": "",
            "first_date": "2027-03-01",
            "start_time": "08:30",
            "duration_minutes": "90",
            "time_zone": "Asia/Phnom_Penh",
            "online_url": ONLINE,
            "venue": "",
            "months_ahead": "3",
            "reminder_offsets": ["1440"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = MeetingSeries.objects.get().meetings.order_by("starts_at").first()
    assert meeting.starts_at == START
    for title in [NEWS, TALK]:
        response = client.post(
            reverse("events:agenda_item_list", args=[meeting.pk]), {"title": title, "duration_minutes": "30"}
        )
        assert response.status_code == 302
    return meeting


def test_a_coordinator_runs_a_monthly_meeting_in_khmer_e_mails_included(sokha, dara, vuthy):
    # What the steps below look for in Khmer is translated, so finding it proves the Khmer was shown.
    for text in ["Hello %(name)s,", "Join online:", "Agenda:", "Will you come?", "The minutes were published."]:
        assert khmer(text) != text, f"{text!r} has no Khmer translation"

    with at(PLANNED):
        meeting = plan_the_series(signed_in(sokha))
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [NEWS, TALK]

    # The reminder sweep, as beat runs it, a day before.
    with at(START - timedelta(hours=23)):
        call_command("send_due_mail", stdout=io.StringIO())
    reminded = Delivery.objects.filter(kind=MEETING_REMINDER, status=DeliveryStatus.SENT)
    assert sorted(reminded.values_list("recipient__email", flat=True)) == sorted([sokha.email, dara.email, vuthy.email])
    by_address = {m.to[0]: m for m in mail.outbox if m.attachments}
    reminder, english = by_address[dara.email], by_address[vuthy.email]
    user_text = [TITLE, NEWS, TALK, "Dara Kim"]

    assert KHMER.search(reminder.subject.replace(TITLE, ""))  # "Reminder:" and the date, in Khmer
    assert english_words(reminder.subject, user_text=user_text) == []
    assert "Reminder" in english.subject and "Friday 5 March 2027" in english.subject

    assert "This is a reminder of" not in reminder.body
    assert khmer("Hello %(name)s,") % {"name": "Dara Kim"} in reminder.body
    assert khmer("Join online:") + " " + ONLINE in reminder.body
    assert english_words(reminder.body, user_text=user_text) == []
    assert "This is a reminder of “" + TITLE + "”." in english.body

    html = reminder.alternatives[0][0]
    assert '<html lang="km">' in html
    assert f'<li lang="km">{TALK}</li>' in html
    visible = re.sub(r"<[^>]+>", " ", html)
    assert english_words(visible, user_text=[*user_text, settings.NETWORK_NAME]) == []
    assert '<html lang="en">' in english.alternatives[0][0]

    filename, ics, mimetype = reminder.attachments[0]
    assert (filename, mimetype) == (f"meeting-{meeting.pk}.ics", "text/calendar")
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == TITLE
    description = str(event["DESCRIPTION"])
    assert description.splitlines() == [
        DESCRIPTION,
        khmer("Agenda:"),
        f"- {NEWS}",
        f"- {TALK}",
        f"{khmer('Join online:')} {ONLINE}",
    ]
    assert english_words(description, user_text=user_text) == []
    english_event = Calendar.from_ical(english.attachments[0][1]).walk("VEVENT")[0]
    assert "Agenda:" in str(english_event["DESCRIPTION"])

    # Dara answers on the meeting page, in Khmer, with a need for interpretation.
    with at(START - timedelta(hours=20)):
        member = signed_in(dara)
        page = member.get(meeting.get_absolute_url()).content.decode()
        assert khmer("Will you come?") in page and khmer("Yes, I will come") in page
        response = member.post(
            reverse("events:rsvp_set", args=[meeting.pk]),
            {"response": RsvpResponse.YES, "needs": ["interpret_km_en"]},
            follow=True,
        )
    assert khmer("Thank you, your answer was saved.") in response.content.decode()
    assert Rsvp.objects.get(meeting=meeting, person=dara).response == RsvpResponse.YES

    # After the meeting: who came, then the minutes, written and published in Khmer.
    with at(START + timedelta(hours=2)):
        coordinator, member = signed_in(sokha), signed_in(dara)
        responses = coordinator.get(reverse("events:rsvp_list", args=[meeting.pk])).content.decode()
        assert "Dara Kim" in responses and khmer("Khmer to English interpretation") in responses
        response = coordinator.post(
            reverse("events:attendance_record", args=[meeting.pk]), {"people": [dara.pk, sokha.pk]}, follow=True
        )
        assert khmer("Attendance saved: %(count)s present.") % {"count": 2} in response.content.decode()
        response = coordinator.post(
            reverse("events:minutes_update", args=[meeting.pk]),
            {"body": MINUTES, "status": MinutesStatus.FINAL},
            follow=True,
        )
        assert khmer("The minutes were published.") in response.content.decode()
        page = member.get(meeting.get_absolute_url()).content.decode()
    assert "<strong>កិច្ចការបន្ទាប់៖</strong>" in page
    assert script_lang(meeting.minutes.body) == "km"
    # Only the reminders were e-mailed: planning, answering and the minutes send nothing.
    assert len(mail.outbox) == 3
