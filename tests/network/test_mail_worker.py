"""Reminders and digests through the real Celery worker, Redis and PostgreSQL."""

from datetime import timedelta

import pytest
from celery.result import AsyncResult
from django.utils import timezone

from common.models import Delivery, DeliveryStatus
from events import services as events_services
from events import tasks as event_tasks
from events.services.reminders import TOPIC as MEETING_TOPIC
from members.models import User
from network import tasks
from network.models import Challenge
from network.services.digests import DIGEST
from tests.factories import (
    AffiliationFactory,
    ChallengeFactory,
    CoordinatorFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers import worker_mail

pytestmark = pytest.mark.worker


def reminder_mail(worker):
    return [message for message in worker_mail(worker) if message["Subject"].strip().startswith("Reminder")]


def test_a_reminder_enqueued_twice_at_once_gives_one_email_per_person(celery_worker):
    people = UserFactory.create_batch(5)
    start = timezone.now() + timedelta(hours=20)
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1), reminder_offsets=[24 * 60])
    kwargs = {
        "meeting_id": meeting.pk,
        "offset": 24 * 60,
        "starts_at_iso": meeting.starts_at.isoformat(),
        "recipient_ids": [p.pk for p in people],
    }
    first, second = (
        event_tasks.meeting_reminders_task.delay(**kwargs),
        event_tasks.meeting_reminders_task.delay(**kwargs),
    )
    assert sorted([first.get(timeout=60), second.get(timeout=60)]) == [0, 5]
    assert sorted(message["To"] for message in reminder_mail(celery_worker)) == sorted(p.email for p in people)
    assert Delivery.objects.filter(topic=MEETING_TOPIC, topic_id=meeting.pk, status=DeliveryStatus.SENT).count() == 5


def test_a_rescheduled_meeting_is_reminded_at_its_new_time(celery_worker):
    coordinator = CoordinatorFactory()
    UserFactory.create_batch(2)
    start = timezone.now() + timedelta(hours=23)
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1), reminder_offsets=[24 * 60])
    later = start + timedelta(days=3)
    events_services.meeting_update(meeting=meeting, by=coordinator, starts_at=later, ends_at=later + timedelta(hours=1))
    assert event_tasks.reminders_sweep_task.delay().get(timeout=60) == []
    assert reminder_mail(celery_worker) == []  # not at the old time
    sooner = timezone.now() + timedelta(hours=20)
    events_services.meeting_update(
        meeting=meeting, by=coordinator, starts_at=sooner, ends_at=sooner + timedelta(hours=1)
    )
    [batch] = event_tasks.reminders_sweep_task.delay().get(timeout=60)
    assert AsyncResult(batch).get(timeout=60) == 3
    mails = reminder_mail(celery_worker)
    local = timezone.localtime(sooner)
    assert all(f"{local:%H:%M}" in message["Subject"] for message in mails)


def test_a_digest_run_twice_sends_once_and_the_next_window_starts_where_it_ended(celery_worker):
    reader = AffiliationFactory(
        person__email="reader@ngo.example", organisation=OrganisationFactory(focus_areas=["education"])
    ).person
    User.objects.filter(pk=reader.pk).update(date_joined=timezone.now() - timedelta(days=8))
    challenge = ChallengeFactory(title="Teachers leave after a year")
    challenge.themes.set(challenge.themes.model.objects.filter(slug="education"))
    Challenge.objects.filter(pk=challenge.pk).update(created_at=timezone.now() - timedelta(days=2))

    first, second = tasks.digests_sweep_task.delay(), tasks.digests_sweep_task.delay()
    batches = first.get(timeout=60) + second.get(timeout=60)
    # Both sweeps found the reader due; their batches together send one digest.
    assert sorted(AsyncResult(batch).get(timeout=60) for batch in batches) == [0, 1]
    delivery = Delivery.objects.get(recipient=reader, kind=DIGEST, status=DeliveryStatus.SENT)
    to_reader = [m for m in worker_mail(celery_worker) if m["To"] == reader.email]
    assert len(to_reader) == 1
    assert "Teachers leave after a year" in to_reader[0].get_body(preferencelist=("plain",)).get_content()

    later = delivery.window_end + timedelta(days=7)
    newer = ChallengeFactory(title="Volunteers for the library")
    newer.themes.set(newer.themes.model.objects.filter(slug="education"))
    tasks.digests_task.delay(recipient_ids=[reader.pk], window_end_iso=later.isoformat()).get(timeout=60)
    windows = list(
        Delivery.objects.filter(recipient=reader, kind=DIGEST)
        .order_by("window_end")
        .values_list("window_start", "window_end")
    )
    assert len(windows) == 2 and windows[1][0] == windows[0][1]
