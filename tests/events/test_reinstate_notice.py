"""Undoing a cancellation tells, through the ledger, exactly those who had been told of it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from common.models import Delivery
from events import services, tasks
from events.services import reminders
from events.services.reminders import MEETING_CANCELLED, MEETING_REINSTATED
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 5, 1, 30, tzinfo=UTC)


def at(moment):
    return time_machine.travel(moment, tick=False)


def subjects(prefix):
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(prefix))


@pytest.fixture
def meeting(db):
    with at(START - timedelta(days=30)):
        return MeetingFactory(title="Monthly learning meeting", starts_at=START, ends_at=START + timedelta(minutes=90))


def test_those_told_of_the_cancellation_hear_it_is_on_again_once(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    told = [UserFactory(email=f"told{n}@ngo.example") for n in range(3)]
    with at(START - timedelta(days=3)):
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_cancel(meeting=meeting, by=coordinator, reason="Khmer New Year")
        cancelled_to = subjects("Cancelled")
        assert cancelled_to == sorted([coordinator.email, *(p.email for p in told)])
        UserFactory(email="joined-later@ngo.example")  # never told of the cancellation: not told of the undo
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_reinstate(meeting=meeting, by=coordinator)
        tasks.meeting_changed_task(meeting_id=meeting.pk, notice="reinstated")  # queued twice: told once
    assert subjects("On again") == cancelled_to
    message = next(m for m in mail.outbox if m.subject.startswith("On again"))
    assert "The cancellation of “Monthly learning meeting” was undone" in message.body
    ics = message.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "STATUS:CONFIRMED" in ics and "SEQUENCE:2" in ics and "METHOD:PUBLISH" in ics
    assert Delivery.objects.filter(kind=MEETING_REINSTATED, status="sent").count() == len(cancelled_to)


def test_cancelled_again_after_an_undo_is_told_again(meeting, coordinator, django_capture_on_commit_callbacks):
    UserFactory(email="member@ngo.example")
    with at(START - timedelta(days=3)):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                services.meeting_cancel(meeting=meeting, by=coordinator)
            with django_capture_on_commit_callbacks(execute=True):
                services.meeting_reinstate(meeting=meeting, by=coordinator)
    assert subjects("Cancelled").count("member@ngo.example") == 2
    assert subjects("On again").count("member@ngo.example") == 2
    occasions = sorted(set(Delivery.objects.filter(kind=MEETING_CANCELLED).values_list("occasion", flat=True)))
    assert occasions == [f"meeting:{meeting.pk}:cancelled:1", f"meeting:{meeting.pk}:cancelled:3"]


def test_an_undo_before_the_notices_went_sends_neither(meeting, coordinator, django_capture_on_commit_callbacks):
    UserFactory(email="member@ngo.example")
    with at(START - timedelta(days=3)):
        services.meeting_cancel(meeting=meeting, by=coordinator)  # its task not run yet
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_reinstate(meeting=meeting, by=coordinator)
        tasks.reminders_sweep_task()
    assert subjects("Cancelled") == [] and subjects("On again") == []


def test_a_cancellation_batch_stopped_by_the_undo_tells_those_it_reached(meeting, coordinator, settings):
    settings.MAIL_RECHECK_SECONDS = 0
    people = [UserFactory(email=f"p{n}@ngo.example") for n in range(3)]
    with at(START - timedelta(days=3)):
        services.meeting_cancel(meeting=meeting, by=coordinator)
        sent = []

        def undo_after_the_first(*args, **kwargs):
            if len(mail.outbox) == 1 and not sent:
                sent.append(True)
                services.meeting_reinstate(meeting=meeting, by=coordinator)

        from django.core.mail.backends.locmem import EmailBackend

        original = EmailBackend.send_messages

        def send_messages(self, messages):
            result = original(self, messages)
            undo_after_the_first()
            return result

        EmailBackend.send_messages = send_messages
        try:
            reminders.send_meeting_notices(
                notice="cancelled", meeting_id=meeting.pk, recipient_ids=[p.pk for p in people], claim="t1"
            )
        finally:
            EmailBackend.send_messages = original
    [first] = subjects("Cancelled")
    assert subjects("On again") == [first]
