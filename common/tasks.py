"""The ledger's tasks: sending stored messages, and the sweep that leaves nothing stranded."""

import uuid

from celery import shared_task
from django.conf import settings

# Every task that sends e-mail: acknowledged only when done, and handed back to the broker when its
# worker process dies (OOM killer, kill -9) instead of being acknowledged and lost. No Celery-level
# retries with a countdown: failed rows carry their own next_attempt_at and the sweep queues them,
# so no delayed message ever outlives the broker's visibility timeout.
MAIL_TASK = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "time_limit": settings.MAIL_TASK_TIME_LIMIT,
    "soft_time_limit": settings.MAIL_TASK_SOFT_TIME_LIMIT,
}


def task_claim(task) -> str:
    """The lease owner's name: the task's id, the same when the broker hands the task out again."""
    return task.request.id or uuid.uuid4().hex


@shared_task(**MAIL_TASK)
def deliveries_send_task(self, *, delivery_ids: list[int]) -> int:
    from .mail.sending import send_stored

    return len(send_stored(delivery_ids=delivery_ids, claim=task_claim(self)).sent)


@shared_task(time_limit=120, soft_time_limit=100)
def deliveries_sweep_task() -> int:
    """Queue again every e-mail whose sender died, whose task was lost, or whose retry is due."""
    from .mail.sweep import deliveries_requeue

    return deliveries_requeue()
