"""Digests: beat runs the sweep; the sweep fans out one e-mail task per chunk of people.

Every task is safe to run twice: the delivery ledger's unique occasions decide who still gets an e-mail.
"""

from celery import shared_task
from django.utils import timezone

from common.tasks import MAIL_TASK, task_claim

from .services import digests, funding_reminders

CHUNK_SIZE = 200


@shared_task(**MAIL_TASK)
def digests_task(self, *, recipient_ids: list[int], window_end_iso: str) -> int:
    result = digests.send_digests(recipient_ids=recipient_ids, window_end_iso=window_end_iso, claim=task_claim(self))
    return len(result.sent)


@shared_task(**MAIL_TASK)
def digests_resend_task(self, *, delivery_ids: list[int]) -> int:
    return len(digests.resend_digests(delivery_ids=delivery_ids, claim=task_claim(self)).sent)


@shared_task(time_limit=600)
def digests_sweep_task() -> list[str]:
    """Queue the digests that are due; each batch covers up to this moment. Returns the queued tasks' ids."""
    now = timezone.now()
    due = digests.due_ids(now)
    return [
        digests_task.delay(recipient_ids=due[start : start + CHUNK_SIZE], window_end_iso=now.isoformat()).id
        for start in range(0, len(due), CHUNK_SIZE)
    ]


@shared_task(**MAIL_TASK)
def funding_reminders_task(self) -> int:
    """Deadline reminders for funding opportunities. Safe to run any number of times: each reminder's
    occasion decides; failures stay in the ledger and the mail sweep queues them again."""
    return len(funding_reminders.send_funding_deadline_reminders(claim=task_claim(self)).sent)


@shared_task(**MAIL_TASK)
def surveys_mail_task(self) -> int:
    """Survey invitations and reminders that are due. Safe to run any number of times (the ledger decides)."""
    from .services import surveys

    return len(surveys.send_survey_mail(claim=task_claim(self)).sent)


@shared_task(time_limit=300)
def surveys_sweep_task() -> tuple[int, int]:
    """Close surveys past their day, open the feedback surveys of meetings that ended, then send what is due.
    Returns (closed, feedback surveys opened)."""
    from .services import surveys

    closed = surveys.surveys_close_due()
    opened = surveys.meeting_feedback_open_due()
    surveys_mail_task.delay()
    return closed, opened
