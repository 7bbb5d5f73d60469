"""The mail pipeline against faults, with the real worker, Redis and PostgreSQL, sending to the suite's own
SMTP server (tests/smtp_server.py): a pool process or the whole worker killed mid-batch, a busy server,
a mailbox that does not exist, Redis restarted mid-batch, a meeting moved or cancelled mid-batch.

The worker's clocks are scaled down (tests/workers.py): a lease runs out after 3 s, a failed message is
due again after 1 s, a batch reads its meeting again every 0.3 s. What beat would do every minute, the
tests do by running the mail sweep themselves.
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from common.models import Delivery, DeliveryStatus
from common.tasks import deliveries_sweep_task
from events import services as events_services
from events.tasks import meeting_reminders_task, reminders_sweep_task
from members.models import User
from network.models import Challenge
from network.services.digests import DIGEST
from network.tasks import digests_task
from tests.factories import (
    AffiliationFactory,
    ChallengeFactory,
    CoordinatorFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers import wait_for
from tests.workers import SMTP_WORKER_SETTINGS, CeleryWorker, RedisServer, use_broker

pytestmark = pytest.mark.worker
LEASE = float(SMTP_WORKER_SETTINGS["MAIL_LEASE_SECONDS"])
DAY = 24 * 60


def meeting_tomorrow(**fields):
    start = timezone.now() + timedelta(hours=20)
    return MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1), reminder_offsets=[DAY], **fields)


def remind(meeting, people):
    return meeting_reminders_task.delay(
        meeting_id=meeting.pk,
        offset=DAY,
        starts_at_iso=meeting.starts_at.isoformat(),
        recipient_ids=[person.pk for person in people],
    )


def received(smtp, prefix: str, title: str = "") -> list:
    return [m for m in smtp.received() if m.subject.startswith(prefix) and title in m.subject]


def per_recipient(messages) -> Counter:
    return Counter(address for message in messages for address in message.recipients)


def sweep_until_settled(worker, rounds: int = 2) -> None:
    """What beat does next: once leases and the grace of a lost task have run out, the mail sweep queues
    again whatever is left; then wait until the worker has sent it."""
    for _ in range(rounds):
        time.sleep(LEASE + 0.5)
        deliveries_sweep_task.delay().get(timeout=30)
        worker.wait_idle()


def test_a_pool_process_killed_mid_batch_leaves_everyone_one_reminder(smtp_worker, smtp):
    people = UserFactory.create_batch(12)
    meeting = meeting_tomorrow()
    smtp.slow(0.25)  # a batch of a few seconds, to kill in the middle
    remind(meeting, people)
    wait_for(lambda: len(smtp.received()) >= 4, timeout=30)
    killed = smtp_worker.kill_pool_child()
    assert len(smtp.received()) < len(people)  # killed mid-batch
    smtp.slow(0)
    # The task is handed back (reject_on_worker_lost), a new pool process takes it up again.
    wait_for(lambda: smtp_worker.pool_children() not in ([], [killed]), timeout=30)
    sweep_until_settled(smtp_worker)
    assert per_recipient(received(smtp, "Reminder")) == {person.email: 1 for person in people}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_the_whole_worker_killed_mid_batch_leaves_everyone_one_reminder_after_the_sweep(smtp_worker, smtp):
    people = UserFactory.create_batch(12)
    meeting = meeting_tomorrow()
    smtp.slow(0.25)
    remind(meeting, people)
    wait_for(lambda: len(smtp.received()) >= 4, timeout=30)
    smtp_worker.kill()
    smtp.slow(0)
    sent_before = len(smtp.received())
    assert 4 <= sent_before < 12
    # Its task is lost with it (the broker hands it out again only after its visibility timeout, 15
    # minutes): the rows it held are found by the sweep once their leases ran out.
    smtp_worker.start()
    sweep_until_settled(smtp_worker)
    assert per_recipient(received(smtp, "Reminder")) == {person.email: 1 for person in people}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_busy_server_for_a_few_seconds_then_every_reminder_goes_once(smtp_worker, smtp):
    people = UserFactory.create_batch(8)
    meeting = meeting_tomorrow()
    smtp.busy(seconds=3, code=421)
    assert remind(meeting, people).get(timeout=30) == 0
    rows = Delivery.objects.filter(recipient__in=people)
    assert set(rows.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    assert all("421" in error for error in rows.values_list("error", flat=True))
    deadline = time.monotonic() + 30
    while rows.exclude(status=DeliveryStatus.SENT).exists() and time.monotonic() < deadline:
        time.sleep(1)  # beat's sweep, scaled down
        deliveries_sweep_task.delay().get(timeout=30)
        smtp_worker.wait_idle()
    assert per_recipient(received(smtp, "Reminder")) == {person.email: 1 for person in people}
    assert set(rows.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_550_for_one_address_gives_that_digest_up_the_others_go_and_that_persons_next_digest_goes(smtp_worker, smtp):
    education = OrganisationFactory(focus_areas=["education"])
    readers = [AffiliationFactory(organisation=education).person for _ in range(4)]
    User.objects.filter(pk__in=[r.pk for r in readers]).update(date_joined=timezone.now() - timedelta(days=8))
    bounced = readers[1]
    challenge = ChallengeFactory(title="Teachers leave after a year")
    challenge.themes.set(challenge.themes.model.objects.filter(slug="education"))
    Challenge.objects.filter(pk=challenge.pk).update(created_at=timezone.now() - timedelta(days=2))
    smtp.refuse(bounced.email)

    now = timezone.now()
    assert (
        digests_task.delay(recipient_ids=[r.pk for r in readers], window_end_iso=now.isoformat()).get(timeout=30) == 3
    )
    assert per_recipient(received(smtp, "What is new")) == {r.email: 1 for r in readers if r != bounced}
    given_up = Delivery.objects.get(recipient=bounced, kind=DIGEST)
    assert given_up.status == DeliveryStatus.GIVEN_UP
    assert given_up.error == f"SMTPRecipientsRefused: {bounced.email}: 550 5.1.1 No such user here"

    smtp.accept(bounced.email)  # the mailbox exists again
    newer = ChallengeFactory(title="Volunteers for the library")
    newer.themes.set(newer.themes.model.objects.filter(slug="education"))
    later = given_up.window_end + timedelta(days=7)
    assert digests_task.delay(recipient_ids=[bounced.pk], window_end_iso=later.isoformat()).get(timeout=30) == 1
    [digest] = [m for m in received(smtp, "What is new") if bounced.email in m.recipients]
    assert "Volunteers for the library" in digest.message.get_body(preferencelist=("plain",)).get_content()


def test_redis_restarted_mid_batch_loses_nothing_and_doubles_nothing(
    smtp_server, smtp, transactional_db, reference_data, tmp_path
):
    redis = RedisServer(tmp_path).start()
    worker = CeleryWorker(
        name="redis-restart",
        broker_url=redis.url,
        log_dir=tmp_path,
        smtp_url=smtp_server.url,
        concurrency=1,
        settings=SMTP_WORKER_SETTINGS,
    )
    try:
        with use_broker(redis.url):
            worker.start()
            UserFactory.create_batch(8)
            first, second = meeting_tomorrow(title="First meeting"), meeting_tomorrow(title="Second meeting")
            smtp.slow(0.25)
            # Beat's reminder sweep: a batch per meeting; one pool process, so the second waits in Redis.
            assert len(reminders_sweep_task.delay().get(timeout=30)) == 2
            wait_for(lambda: len(smtp.received()) >= 3, timeout=30)
            redis.restart()  # without a disk: the waiting batch and the one handed out are gone
            smtp.slow(0)
            # The batch being sent goes on. What was lost is planned again by the next reminder sweep
            # (beat, every five minutes); the ledger sends nobody a second copy.
            wait_for(lambda: worker.alive() and _answers(worker), timeout=30)
            worker.wait_idle()
            # Only the batch that was being sent has rows: the one waiting in Redis was lost.
            assert Delivery.objects.order_by().values("topic_id").distinct().count() == 1
            reminders_sweep_task.delay().get(timeout=30)
            worker.wait_idle()
            sweep_until_settled(worker)
    finally:
        worker.stop()
        redis.stop()
    everyone = {person.email: 1 for person in User.objects.network_members()}
    for meeting in (first, second):
        assert per_recipient(received(smtp, "Reminder", meeting.title)) == everyone
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def _answers(worker) -> bool:
    from network.celery import app

    try:
        return bool(app.control.ping(destination=[worker.nodename], timeout=0.5))
    except Exception:  # noqa: BLE001 - the broker is still coming back
        return False


def test_a_meeting_moved_mid_batch_stops_its_old_reminders_within_seconds_and_tells_each_once(smtp_worker, smtp):
    coordinator = CoordinatorFactory()
    UserFactory.create_batch(14)
    meeting = meeting_tomorrow()
    smtp.slow(0.3)
    reminders_sweep_task.delay().get(timeout=30)
    wait_for(lambda: len(smtp.received()) >= 3, timeout=30)
    later = meeting.starts_at + timedelta(days=3)
    events_services.meeting_update(meeting=meeting, by=coordinator, starts_at=later, ends_at=later + timedelta(hours=1))
    moved_at = time.time()
    smtp_worker.wait_idle()
    smtp.slow(0)
    sweep_until_settled(smtp_worker, rounds=1)

    old = received(smtp, "Reminder")
    audience = User.objects.network_members().count()
    assert 3 <= len(old) < audience
    # What was being sent when the meeting moved (one message, then the next check of the meeting).
    assert max(m.at for m in old) <= moved_at + 3.0
    reminded = per_recipient(old)
    assert set(reminded.values()) == {1}
    # One move notice to each person who had been reminded of the old time, with the new time's .ics.
    moved = received(smtp, "Moved")
    assert per_recipient(moved) == reminded
    ics = next(part for part in moved[0].message.iter_attachments() if part.get_content_type() == "text/calendar")
    assert "SEQUENCE:1" in ics.get_content()
    # Nobody was left leased or waiting for the old time.
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()


def test_a_meeting_cancelled_mid_batch_stops_its_reminders_within_seconds_and_tells_everyone_once(smtp_worker, smtp):
    coordinator = CoordinatorFactory()
    UserFactory.create_batch(14)
    meeting = meeting_tomorrow()
    smtp.slow(0.3)
    reminders_sweep_task.delay().get(timeout=30)
    wait_for(lambda: len(smtp.received()) >= 3, timeout=30)
    events_services.meeting_cancel(meeting=meeting, by=coordinator, reason="Flooding")
    cancelled_at = time.time()
    smtp_worker.wait_idle()
    smtp.slow(0)
    sweep_until_settled(smtp_worker, rounds=1)

    reminders = received(smtp, "Reminder")
    assert 3 <= len(reminders) < User.objects.network_members().count()
    assert max(m.at for m in reminders) <= cancelled_at + 3.0
    notices = received(smtp, "Cancelled")
    assert per_recipient(notices) == {person.email: 1 for person in User.objects.network_members()}
    # Nobody was reminded after they were told it is cancelled.
    told = {address: m.at for m in notices for address in m.recipients}
    assert all(m.at < told[address] for m in reminders for address in m.recipients)
    assert "METHOD:CANCEL" in next(notices[0].message.iter_attachments()).get_content()
