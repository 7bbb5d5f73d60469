"""Reminders and digests: beat runs the sweeps; the sweeps fan out one e-mail task per chunk of people.

Every task is safe to run twice: the deliveries' unique claims decide who still gets an e-mail.
"""

import uuid

from celery import shared_task
from django.utils import timezone

from .services import digests, proposal_reminders, reminders

MAIL_TASK = {"bind": True, "acks_late": True, "max_retries": 5, "time_limit": 600, "soft_time_limit": 540}


def _claim(task) -> str:
    return task.request.id or uuid.uuid4().hex


def _retry_failed(task, result, **kwargs):
    """Retry only the transient failures, with a bounded, growing delay."""
    if result.failed:
        countdown = min(60 * 2**task.request.retries, 3600)
        raise task.retry(kwargs={**kwargs, "recipient_ids": sorted(result.failed)}, countdown=countdown)
    return len(result.sent)


@shared_task(**MAIL_TASK)
def meeting_reminders_task(self, *, meeting_id: int, offset: int, starts_at_iso: str, recipient_ids: list[int]) -> int:
    result = reminders.send_meeting_reminders(
        meeting_id=meeting_id,
        offset=offset,
        starts_at_iso=starts_at_iso,
        recipient_ids=recipient_ids,
        claim=_claim(self),
    )
    return _retry_failed(self, result, meeting_id=meeting_id, offset=offset, starts_at_iso=starts_at_iso)


@shared_task(**MAIL_TASK)
def cancellation_notices_task(self, *, meeting_id: int, recipient_ids: list[int]) -> int:
    result = reminders.send_cancellation_notices(meeting_id=meeting_id, recipient_ids=recipient_ids, claim=_claim(self))
    return _retry_failed(self, result, meeting_id=meeting_id)


@shared_task(**MAIL_TASK)
def digests_task(self, *, recipient_ids: list[int], window_end_iso: str) -> int:
    result = digests.send_digests(recipient_ids=recipient_ids, window_end_iso=window_end_iso, claim=_claim(self))
    return _retry_failed(self, result, window_end_iso=window_end_iso)


@shared_task(time_limit=300)
def reminders_sweep_task() -> list[str]:
    """Queue the reminders due now and the notices of newly cancelled meetings. Returns the queued tasks' ids."""
    queued = []
    for meeting, offset in reminders.meetings_due():
        for chunk in reminders.chunks(reminders.recipient_ids(meeting)):
            queued.append(
                meeting_reminders_task.delay(
                    meeting_id=meeting.pk,
                    offset=offset,
                    starts_at_iso=meeting.starts_at.isoformat(),
                    recipient_ids=chunk,
                ).id
            )
    for meeting in reminders.cancelled_meetings_to_announce():
        for chunk in reminders.chunks(reminders.recipient_ids(meeting)):
            queued.append(cancellation_notices_task.delay(meeting_id=meeting.pk, recipient_ids=chunk).id)
    return queued


@shared_task(time_limit=600)
def digests_sweep_task() -> list[str]:
    """Queue the digests that are due; each batch covers up to this moment. Returns the queued tasks' ids."""
    now = timezone.now()
    return [
        digests_task.delay(recipient_ids=chunk, window_end_iso=now.isoformat()).id
        for chunk in reminders.chunks(digests.due_ids(now))
    ]


@shared_task(**MAIL_TASK)
def proposal_reminders_task(self) -> int:
    """Drafts before a call closes and reviews still open. Safe to run any number of times."""
    claim = _claim(self)
    sent = proposal_reminders.send_call_closing_reminders(claim=claim)
    reviews = proposal_reminders.send_review_reminders(claim=claim)
    if sent.failed or reviews.failed:
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600))
    return len(sent.sent) + len(reviews.sent)
