"""The arithmetic that keeps the broker from handing out a second copy of a mail task."""

from django.conf import settings

from common.tasks import MAIL_TASK, deliveries_send_task
from events.tasks import meeting_reminders_task
from network.tasks import digests_task


def test_every_time_limit_and_retry_stays_inside_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert MAIL_TASK["soft_time_limit"] < MAIL_TASK["time_limit"] < visibility
    # No Celery countdown at all: failed rows wait in the ledger, and the sweep queues them.
    for task in (deliveries_send_task, meeting_reminders_task, digests_task):
        assert task.acks_late and task.reject_on_worker_lost
        assert not getattr(task, "autoretry_for", ())
    assert settings.MAIL_SWEEP_SECONDS + MAIL_TASK["time_limit"] < visibility


def test_a_dead_mail_server_cannot_run_a_batch_into_its_time_limit():
    # A batch stops after MAIL_STOP_AFTER_FAILURES transient failures in a row, each bounded by EMAIL_TIMEOUT
    # (a connect, then at most one command that hangs).
    assert MAIL_TASK["soft_time_limit"] > settings.MAIL_STOP_AFTER_FAILURES * 2 * settings.EMAIL_TIMEOUT


def test_a_lease_outlives_any_one_message_and_the_backoff_is_bounded():
    # The SMTP steps of one message (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, body), each within EMAIL_TIMEOUT.
    assert settings.MAIL_LEASE_SECONDS >= 8 * settings.EMAIL_TIMEOUT
    # A chunk's lease is renewed when half of it is gone: the half left must still outlive a message.
    assert settings.MAIL_LEASE_SECONDS / 2 >= 8 * settings.EMAIL_TIMEOUT
    assert settings.MAIL_RETRY_BASE_SECONDS <= settings.MAIL_RETRY_MAX_SECONDS
