"""One meeting: one-off events, changes by hand, cancelling, and the agenda."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from common.validators import check_date_range

from ..enums import MeetingStatus
from ..models import AgendaItem, Meeting
from ..validators import MEETING_MAX_DAYS, meeting_date_bounds
from .participation import waiting_list_promote
from .presenters import queue_presenter_notices_on_commit

logger = logging.getLogger(__name__)

CHANGEABLE = [
    "title",
    "description",
    "kind",
    "community",
    "online_url",
    "venue",
    "capacity",
    "time_zone",
    "reminder_offsets",
]


def _check_times(starts_at, ends_at) -> None:
    earliest, latest = meeting_date_bounds()
    check_date_range(timezone.localdate(starts_at), field="start_date", earliest=earliest, latest=latest)
    if ends_at <= starts_at:
        raise ValidationError({"end_time": _("The meeting must end after it starts.")})
    if ends_at - starts_at > timedelta(days=MEETING_MAX_DAYS):
        raise ValidationError(
            {
                "end_date": _("A meeting lasts at most %(days)s days; add another for the rest.")
                % {"days": MEETING_MAX_DAYS}
            }
        )


def agenda_minutes(meeting: Meeting) -> int:
    """How long the meeting lasts, in minutes. No side effects."""
    return int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)


@transaction.atomic
def meeting_create(*, by, starts_at, ends_at, **fields) -> Meeting:
    """A one-off meeting or a workshop over several days.

    Writes one Meeting; no e-mail (reminders go out later from the reminder sweep).
    Raises ValidationError when it ends before it starts, lasts more than MEETING_MAX_DAYS, starts outside
    meeting_date_bounds() or a field is invalid.
    """
    _check_times(starts_at, ends_at)
    meeting = Meeting(starts_at=starts_at, ends_at=ends_at, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, starts_at=None, ends_at=None, **fields) -> Meeting:
    """Change one meeting. It then no longer follows edits of its series.

    A new time must lie in the future; calendar programs see the change through SEQUENCE. More places (or no
    limit) go to the waiting list, first come first. Writes the Meeting (sequence + 1, changed_by_hand in a
    series) and the waitlist flag of those moved up; after commit, the "a place is free" e-mail to each of them
    and, when it moved, meeting_changed_task: one "meeting moved" e-mail to those reminded of it or coming.
    Raises ValidationError when it is not scheduled, ends before it starts, would move into the past, or its
    new time is outside the bounds meeting_create keeps.
    """
    meeting = _locked(meeting)
    capacity_before = meeting.capacity
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(
            _("Only a scheduled meeting can be changed; this one is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    moved = starts_at is not None and (starts_at != meeting.starts_at or ends_at != meeting.ends_at)
    if moved:
        _check_times(starts_at, ends_at)
        if starts_at <= timezone.now():
            raise ValidationError({"start_date": _("A meeting cannot be moved into the past.")})
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
    changed = moved
    for field, value in fields.items():
        if field in CHANGEABLE and getattr(meeting, field) != value:
            setattr(meeting, field, value)
            changed = True
    if changed:
        meeting.changed_by_hand = meeting.series_id is not None
        meeting.sequence += 1
        meeting.full_clean()
        meeting.save()
        if meeting.capacity != capacity_before:
            waiting_list_promote(meeting)
    if moved:
        _queue_notices(meeting, "moved")
    return meeting


def _queue_notices(meeting: Meeting, notice: str) -> None:
    from ..tasks import meeting_changed_task

    def queue():
        try:
            meeting_changed_task.delay(meeting_id=meeting.pk, notice=notice)
        except Exception:  # noqa: BLE001 - a broker that is down must not fail the page; the sweep catches up
            logger.warning("Could not queue the %s notices of meeting %s", notice, meeting.pk, exc_info=True)

    transaction.on_commit(queue)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str = "") -> Meeting:
    """Cancel a meeting that is still to come, with a reason.

    Writes the Meeting's status, reason and sequence + 1; after commit, queues meeting_changed_task for
    the cancellation notices (the reminder sweep queues them too, should that task be lost). Raises ValidationError when it is already cancelled or has taken place.
    """
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is already cancelled."))
    if meeting.status == MeetingStatus.HELD or meeting.is_past:
        raise ValidationError(_("This meeting has already taken place."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason
    meeting.changed_by_hand = meeting.series_id is not None
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancellation_reason", "changed_by_hand", "sequence", "updated_at"])
    _queue_notices(meeting, "cancelled")
    return meeting


@transaction.atomic
def meeting_reinstate(*, meeting: Meeting, by) -> Meeting:
    """Undo a cancellation: the meeting is scheduled again, if it is still to come.

    Writes the Meeting's status, clears the reason and raises the sequence, so calendar programs that
    hold the cancelled copy replace it; after commit, queues meeting_changed_task: one "on again" e-mail
    (with the .ics that puts it back) to each person who was sent the cancellation notice. Raises
    ValidationError when it is not cancelled or is over.
    """
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is not cancelled."))
    if meeting.is_past:
        raise ValidationError(_("This meeting has already taken place."))
    meeting.status = MeetingStatus.SCHEDULED
    meeting.cancellation_reason = ""
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    _queue_notices(meeting, "reinstated")
    return meeting


@transaction.atomic
def agenda_item_save(*, meeting: Meeting, by, item: AgendaItem | None = None, **fields) -> AgendaItem:
    """Add an item at the end of the agenda, or change one. A member presenter must be an approved,
    active member; a guest presenter is named with their organisation and e-mail address.

    Writes the AgendaItem; after commit, when the item has a presenter, queues agenda_presenters_notify_task,
    which tells each presenter of the meeting once per meeting version and items presented (see
    services.presenters). Raises ValidationError when a field is invalid, or when the change makes the agenda
    longer than the meeting.
    """
    before = meeting.agenda_items.aggregate(total=Sum("duration_minutes"))["total"] or 0
    if item is None:
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
        item = AgendaItem(meeting=meeting, position=(last or 0) + 1)
    old_minutes = (item.duration_minutes or 0) if item.pk else 0
    for field, value in fields.items():
        setattr(item, field, value)
    if item.presenter is not None and not item.presenter.is_network_member:
        raise ValidationError({"presenter": _("Only approved members can present; name a guest presenter instead.")})
    item.full_clean()
    after = before - old_minutes + (item.duration_minutes or 0)
    length = agenda_minutes(meeting)
    if after > length and after > before:
        raise ValidationError(
            {
                "duration_minutes": _(
                    "The agenda would take %(agenda)s minutes, longer than the meeting (%(meeting)s minutes). "
                    "Shorten an item, or make the meeting longer first."
                )
                % {"agenda": after, "meeting": length}
            }
        )
    item.save()
    if item.presenter_id or item.guest_email:
        queue_presenter_notices_on_commit(meeting)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    """Take an item off the agenda. Deletes the AgendaItem; nothing else."""
    item.delete()


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, item_ids: list[int], by) -> None:
    """Put the agenda in the given order. The list must name every item once.

    Writes the position of every AgendaItem. Raises ValidationError when the list does not match
    the agenda (it changed meanwhile).
    """
    items = {item.pk: item for item in meeting.agenda_items.select_for_update()}
    if sorted(item_ids) != sorted(items):
        raise ValidationError(_("The agenda changed while you were editing it. Please try again."))
    for position, pk in enumerate(item_ids, start=1):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])


def agenda_move(*, item: AgendaItem, direction: str, by) -> None:
    """Move an item one place up or down.

    Writes the agenda's positions through agenda_reorder, and raises its ValidationError.
    """
    order = list(item.meeting.agenda_items.values_list("pk", flat=True))
    index = order.index(item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        agenda_reorder(meeting=item.meeting, item_ids=order, by=by)
