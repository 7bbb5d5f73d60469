"""Planning series, and the meeting reminders and notices: beat runs the sweep, the sweep fans out one
e-mail task per chunk of people. Every task is safe to run twice: the ledger decides who still gets one."""

from celery import shared_task

from common.tasks import MAIL_TASK, task_claim

from .services import presenters, reminders, series_generate_all


@shared_task(time_limit=300)
def series_generate_all_task() -> int:
    """Keep every series planned to its horizon. Idempotent: beat may fire it twice."""
    return series_generate_all()


@shared_task(**MAIL_TASK)
def meeting_reminders_task(self, *, meeting_id: int, offset: int, starts_at_iso: str, recipient_ids: list[int]) -> int:
    result = reminders.send_meeting_reminders(
        meeting_id=meeting_id,
        offset=offset,
        starts_at_iso=starts_at_iso,
        recipient_ids=recipient_ids,
        claim=task_claim(self),
    )
    return len(result.sent)


@shared_task(**MAIL_TASK)
def meeting_notices_task(
    self,
    *,
    notice: str,
    meeting_id: int,
    recipient_ids: list[int],
    starts_at_iso: str | None = None,
    sequence: int | None = None,
) -> int:
    result = reminders.send_meeting_notices(
        notice=notice,
        meeting_id=meeting_id,
        recipient_ids=recipient_ids,
        starts_at_iso=starts_at_iso,
        sequence=sequence,
        claim=task_claim(self),
    )
    return len(result.sent)


@shared_task(**MAIL_TASK)
def agenda_presenters_notify_task(self, *, meeting_id: int) -> int:
    """Tell the meeting's presenters they are on its agenda; the ledger tells each once per occasion."""
    result = presenters.send_presenter_notices(meeting_id=meeting_id, claim=task_claim(self))
    return len(result.sent)


def queue_notices(meeting, notice: str) -> list[str]:
    """Fan a cancellation, move or reinstatement notice out to its recipients, one task per chunk: the
    audience for a cancellation, those reminded or coming for a move, those told of the cancellation when
    it is undone. Returns the task ids."""
    recipients = {
        "cancelled": reminders.recipient_ids,
        "moved": reminders.moved_recipient_ids,
        "reinstated": reminders.told_of_cancellation_ids,
    }[notice]
    extra = {"sequence": meeting.sequence} if notice == "reinstated" else {}
    return [
        meeting_notices_task.delay(
            notice=notice,
            meeting_id=meeting.pk,
            recipient_ids=chunk,
            starts_at_iso=meeting.starts_at.isoformat(),
            **extra,
        ).id
        for chunk in reminders.chunks(recipients(meeting))
    ]


@shared_task(time_limit=120, soft_time_limit=100)
def meeting_changed_task(*, meeting_id: int, notice: str) -> list[str]:
    """Queued after a move, a cancellation or its undoing commits: tell the people concerned."""
    from .models import Meeting

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return []
    # The presenters' calendar file changes too: a guest presenter, not in the audience, hears of it this way.
    presenters.queue_presenter_notices(meeting.pk)
    return queue_notices(meeting, notice)


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
        queued += queue_notices(meeting, "cancelled")
    return queued
