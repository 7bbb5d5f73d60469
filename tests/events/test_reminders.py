from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from common.models import Delivery, DeliveryStatus
from events import services as events_services
from events import tasks
from events.services import reminders
from events.services.reminders import MEETING_REMINDER
from tests.common import mail_backends
from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory
from tests.helpers import lease_chunks, ledger_writes, queries_besides_ledger_writes

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 5, 1, 30, tzinfo=UTC)  # Friday 08:30 in Phnom Penh


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def meeting(db):
    with at(START - timedelta(days=30)):
        meeting = MeetingFactory(
            title="Monthly learning meeting", starts_at=START, ends_at=START + timedelta(minutes=90)
        )
        AgendaItemFactory(meeting=meeting, title="Funding sustainability")
    return meeting


@pytest.fixture
def people(db):
    return [UserFactory(email=f"member{n}@ngo.example") for n in range(4)]


def reminders_sent():
    return [message for message in mail.outbox if message.subject.startswith("Reminder")]


class TestMeetingReminders:
    def test_week_and_day_reminders_reach_everyone_but_those_who_declined(self, meeting, people):
        events_services.rsvp_set(meeting=meeting, person=people[0], response="no")
        with at(START - timedelta(days=8)):
            assert tasks.reminders_sweep_task() == []
        with at(START - timedelta(days=7) + timedelta(minutes=1)):
            tasks.reminders_sweep_task()
            tasks.reminders_sweep_task()  # beat fires twice
        week = reminders_sent()
        assert sorted(m.to[0] for m in week) == sorted(p.email for p in people[1:])
        with at(START - timedelta(days=1) + timedelta(minutes=1)):
            tasks.reminders_sweep_task()
        assert len(reminders_sent()) == 6
        message = week[0]
        assert "Friday 5 March 2027, 08:30–10:00 (Asia/Phnom_Penh)" in message.subject
        assert "https://meet.example/network" in message.body
        assert "Funding sustainability" in message.body
        filename, content, mimetype = message.attachments[0]
        assert (filename, mimetype) == (f"meeting-{meeting.pk}.ics", "text/calendar")
        assert "BEGIN:VEVENT" in (content.decode() if isinstance(content, bytes) else content)

    def test_each_person_reads_it_in_their_language_and_time_zone(self, meeting):
        UserFactory(email="dutch@ngo.example", time_zone="Europe/Amsterdam")
        UserFactory(email="khmer@ngo.example", language="km")
        with at(START - timedelta(hours=23)):
            tasks.reminders_sweep_task()
        by_address = {
            m.to[0]: m for m in reminders_sent() + [m for m in mail.outbox if not m.subject.startswith("Reminder")]
        }
        assert "Friday 5 March 2027, 02:30–04:00 (Europe/Amsterdam)" in by_address["dutch@ngo.example"].subject
        assert "សួស្តី" in by_address["khmer@ngo.example"].body

    def test_html_and_calendar_file_are_in_the_recipients_language(self, meeting):
        meeting.title = "កិច្ចប្រជុំសិក្សាប្រចាំខែ"
        meeting.save()
        UserFactory(email="english@ngo.example")
        UserFactory(email="khmer@ngo.example", language="km")
        with at(START - timedelta(hours=23)):
            tasks.reminders_sweep_task()
        by_address = {m.to[0]: m for m in mail.outbox}
        english, khmer = by_address["english@ngo.example"], by_address["khmer@ngo.example"]
        english_html, khmer_html = english.alternatives[0][0], khmer.alternatives[0][0]
        assert '<html lang="en">' in english_html
        assert '<html lang="km">' in khmer_html
        # The meeting's title is Khmer inside the English sentence; the agenda item is English.
        assert 'This is a reminder of “<span lang="km">កិច្ចប្រជុំសិក្សាប្រចាំខែ</span>”.' in english_html
        assert '<li lang="en">Funding sustainability</li>' in khmer_html

        def ics(message):
            return Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]["DESCRIPTION"]

        assert "Join online: https://meet.example/network" in ics(english)
        assert "ចូលរួមតាមអនឡាញ៖ https://meet.example/network" in ics(khmer)
        # "Agenda:" goes through gettext too; its Khmer arrives with the central catalogue.
        assert ics(english).startswith("Agenda:\n- Funding sustainability")
        with translation.override("km"):
            assert ics(khmer).startswith(gettext("Agenda:") + "\n- Funding sustainability")

    def test_a_moved_meeting_is_reminded_at_its_new_time_only(self, meeting, people, coordinator):
        meeting.reminder_offsets = [24 * 60]
        meeting.save()
        new_start = START + timedelta(days=2)
        with at(START - timedelta(days=3)):
            events_services.meeting_update(
                meeting=meeting, by=coordinator, starts_at=new_start, ends_at=new_start + timedelta(hours=1)
            )
        with at(START - timedelta(hours=23)):  # the old reminder time
            assert tasks.reminders_sweep_task() == []
        with at(new_start - timedelta(hours=23)):
            tasks.reminders_sweep_task()
        sent = reminders_sent()
        assert len(sent) == len(people) + 1  # the coordinator is in the audience too
        assert "Sunday 7 March 2027" in sent[0].subject

    def test_a_batch_planned_before_a_move_sends_nothing(self, meeting, people, coordinator):
        old_iso = meeting.starts_at.isoformat()
        with at(START - timedelta(days=3)):
            events_services.meeting_update(
                meeting=meeting,
                by=coordinator,
                starts_at=START + timedelta(days=1),
                ends_at=START + timedelta(days=1, hours=1),
            )
        with at(START - timedelta(hours=23)):
            tasks.meeting_reminders_task.delay(
                meeting_id=meeting.pk, offset=1440, starts_at_iso=old_iso, recipient_ids=[p.pk for p in people]
            )
        assert reminders_sent() == []

    def test_a_cancelled_meeting_sends_one_notice_and_no_reminders(self, meeting, people, coordinator):
        with at(START - timedelta(days=2)):
            events_services.meeting_cancel(meeting=meeting, by=coordinator, reason="Khmer New Year")
            tasks.reminders_sweep_task()
            tasks.reminders_sweep_task()
        with at(START - timedelta(hours=23)):
            tasks.reminders_sweep_task()
        notices = [m for m in mail.outbox if m.subject.startswith("Cancelled")]
        assert len(notices) == len(people) + 1
        assert "Khmer New Year" in notices[0].body
        assert reminders_sent() == []
        ics = notices[0].attachments[0][1]
        assert "STATUS:CANCELLED" in (ics.decode() if isinstance(ics, bytes) else ics)

    def test_a_meeting_moved_into_the_past_is_not_reminded(self, meeting, people):
        with at(START + timedelta(hours=1)):
            assert tasks.reminders_sweep_task() == []
        assert reminders_sent() == []


class TestExactlyOnce:
    def claim_all(self, meeting, people, claim):
        return reminders.send_meeting_reminders(
            meeting_id=meeting.pk,
            offset=1440,
            starts_at_iso=meeting.starts_at.isoformat(),
            recipient_ids=[p.pk for p in people],
            claim=claim,
        )

    def test_a_worker_killed_mid_batch_and_retried_sends_each_once(self, meeting, people, settings):
        settings.EMAIL_BACKEND = "tests.common.mail_backends.CrashAfterTwo"
        mail_backends.CrashAfterTwo.sent_before_crash = 0
        with at(START - timedelta(hours=23)):
            with pytest.raises(SystemExit):
                self.claim_all(meeting, people, claim="task-1")
            assert len(mail.outbox) == 2
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
            self.claim_all(meeting, people, claim="task-1")  # the same task, redelivered
            self.claim_all(meeting, people, claim="task-2")  # and a duplicate task
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
        assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == len(people)

    def test_a_transient_smtp_failure_is_logged_and_retried(self, meeting, people, settings, coordinator_client):
        settings.EMAIL_BACKEND = "tests.common.mail_backends.ServerGoesAway"
        mail_backends.ServerGoesAway.broken_address = people[0].email
        with at(START - timedelta(hours=23)):
            result = self.claim_all(meeting, people, claim="task-1")
            assert list(result.failed) == [people[0].pk]
            failed = Delivery.objects.get(recipient=people[0])
            assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 1)
            assert "SMTPServerDisconnected" in failed.error
        log = coordinator_client.get(reverse("network:delivery_list", args=[meeting.pk])).content.decode()
        assert "Connection unexpectedly closed" in log
        with at(START - timedelta(hours=22)):
            mail_backends.ServerGoesAway.broken_address = "nobody"
            self.claim_all(meeting, people, claim="task-1")
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)

    def test_query_count_per_batch_does_not_grow(self, meeting, settings):
        settings.MAIL_RECHECK_SECONDS = 3600  # the meeting is read again by the clock, not per message
        few, many = UserFactory.create_batch(3), UserFactory.create_batch(60)
        with at(START - timedelta(hours=23)):
            with CaptureQueriesContext(connection) as small:
                self.claim_all(meeting, few, claim="a")
            with CaptureQueriesContext(connection) as large:
                self.claim_all(meeting, many, claim="b")
        # Reads and the batch's claim stay flat; each chunk of rows adds its lease (two statements), and
        # each message exactly its outcome.
        assert queries_besides_ledger_writes(large.captured_queries) - queries_besides_ledger_writes(
            small.captured_queries
        ) == 2 * (lease_chunks(60) - lease_chunks(3))
        assert (len(ledger_writes(small.captured_queries)), len(ledger_writes(large.captured_queries))) == (3, 60)
        assert len(mail.outbox) == 63


class TestDeliveryLog:
    def test_coordinator_sees_who_was_reminded(self, meeting, people, coordinator_client):
        with at(START - timedelta(hours=23)):
            tasks.reminders_sweep_task()
        html = coordinator_client.get(reverse("network:delivery_list", args=[meeting.pk])).content.decode()
        assert all(person.email in html for person in people)
        assert html.count('<span class="status tone-ok">Sent</span>') == len(people) + 1

    def test_member_may_not_see_the_log(self, meeting, member_client):
        assert member_client.get(reverse("network:delivery_list", args=[meeting.pk])).status_code == 403
        assert Delivery.objects.filter(kind=MEETING_REMINDER).count() == 0
