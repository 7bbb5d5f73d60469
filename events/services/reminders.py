"""Meeting reminders, and the notices when a meeting moves, is cancelled or is on again.

Every e-mail goes through the delivery ledger (common.mail) under an occasion keyed to the meeting's
start, so a moved meeting is reminded at its new time only. A batch reads its meeting again every few
seconds while it sends (MAIL_RECHECK_SECONDS) and stops as soon as the meeting moved or was cancelled.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, Fragments, deliver, discard, register_kind
from common.models import Delivery, DeliveryStatus

from ..enums import MeetingStatus, ReminderOffset, RsvpResponse
from ..ical import calendar_bytes
from ..models import Meeting
from ..selectors import audience_people

logger = logging.getLogger(__name__)
CHUNK_SIZE = 200
TOPIC = "events.meeting"


def _offset_label(delivery) -> str:
    offset = delivery.params.get("offset")
    return str(ReminderOffset(offset).label) if offset in ReminderOffset.values else ""


def _resend_reminders(ids: list[int]) -> None:
    from ..tasks import meeting_reminders_task

    groups = defaultdict(list)
    for row in Delivery.objects.filter(pk__in=ids).only("topic_id", "params", "recipient_id"):
        groups[(row.topic_id, row.params.get("offset"), row.params.get("starts_at"))].append(row.recipient_id)
    for (meeting_id, offset, starts_at_iso), people in groups.items():
        for chunk in chunks(people):
            meeting_reminders_task.delay(
                meeting_id=meeting_id, offset=offset, starts_at_iso=starts_at_iso, recipient_ids=chunk
            )


def _resend_notices(notice: str) -> Callable[[list[int]], None]:
    def resend(ids: list[int]) -> None:
        from ..tasks import meeting_notices_task

        groups = defaultdict(list)
        for row in Delivery.objects.filter(pk__in=ids).only("topic_id", "params", "recipient_id"):
            groups[(row.topic_id, row.params.get("starts_at"), row.params.get("sequence"))].append(row.recipient_id)
        for (meeting_id, starts_at_iso, sequence), people in groups.items():
            for chunk in chunks(people):
                meeting_notices_task.delay(
                    notice=notice,
                    meeting_id=meeting_id,
                    starts_at_iso=starts_at_iso,
                    recipient_ids=chunk,
                    sequence=sequence,
                )

    return resend


MEETING_REMINDER = register_kind(
    "meeting_reminder", label=_("Meeting reminder"), resend=_resend_reminders, detail=_offset_label
)
MEETING_CANCELLED = register_kind(
    "meeting_cancelled", label=_("Cancellation notice"), resend=_resend_notices("cancelled")
)
MEETING_MOVED = register_kind("meeting_moved", label=_("Meeting moved"), resend=_resend_notices("moved"))
MEETING_REINSTATED = register_kind(
    "meeting_reinstated", label=_("Meeting on again"), resend=_resend_notices("reinstated")
)


def reminder_occasion(meeting: Meeting, offset: int) -> str:
    """Keyed to the meeting's current start: once moved, the reminders for the new time are new occasions,
    and the old time's are never due again. No side effects.
    """
    return f"meeting:{meeting.pk}:{offset}:{meeting.starts_at:%Y%m%dT%H%M%SZ}"


def cancellation_occasion(meeting: Meeting) -> str:
    """One occasion per cancellation: a cancelled meeting cannot change, so its SEQUENCE names it; cancelled
    again after an undo, it is told again. No side effects."""
    return f"meeting:{meeting.pk}:cancelled:{meeting.sequence}"


def reinstated_occasion(meeting: Meeting, sequence: int) -> str:
    """One occasion per undone cancellation, named by the meeting's SEQUENCE when it was undone."""
    return f"meeting:{meeting.pk}:reinstated:{sequence}"


def moved_occasion(meeting: Meeting) -> str:
    """One notice per new time: moved twice, told twice; the same move queued twice, told once. No side effects."""
    return f"meeting:{meeting.pk}:moved:{meeting.starts_at:%Y%m%dT%H%M%SZ}"


def due_offset(meeting: Meeting, now) -> int | None:
    """The reminder due now: the closest threshold already passed. Earlier ones that were missed
    (the meeting was planned late) are not sent after it. No side effects.
    """
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= now:
        return None
    passed = [
        offset for offset in meeting.reminder_offsets or [] if now >= meeting.starts_at - timedelta(minutes=offset)
    ]
    return min(passed) if passed else None


def meetings_due(now=None) -> list[tuple[Meeting, int]]:
    """Scheduled meetings with a reminder due now, each with its offset. A read; no side effects."""
    now = now or timezone.now()
    horizon = timedelta(minutes=max(ReminderOffset.values))
    candidates = Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=now + horizon)
    return [(meeting, offset) for meeting in candidates if (offset := due_offset(meeting, now)) is not None]


def cancelled_meetings_to_announce(now=None):
    """Meetings still to come that were cancelled in the last two days. A read; no side effects."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        status=MeetingStatus.CANCELLED, starts_at__gt=now, updated_at__gte=now - timedelta(days=2)
    )


def recipient_ids(meeting: Meeting) -> list[int]:
    """The meeting's audience, less those who said they will not come. A read; no side effects."""
    declined = meeting.rsvps.filter(response=RsvpResponse.NO).values("person_id")
    return list(audience_people(meeting).exclude(pk__in=declined).values_list("pk", flat=True))


def moved_recipient_ids(meeting: Meeting) -> list[int]:
    """Who hears that a meeting moved: those already reminded of it, and those who said they come.
    A read; no side effects."""
    reminded = Delivery.objects.filter(
        topic=TOPIC, topic_id=meeting.pk, kind=MEETING_REMINDER, status=DeliveryStatus.SENT
    ).values_list("recipient_id", flat=True)
    coming = meeting.rsvps.filter(response=RsvpResponse.YES).values_list("person_id", flat=True)
    return sorted(set(reminded) | set(coming))


def told_of_cancellation_ids(meeting: Meeting) -> list[int]:
    """Who was sent a cancellation notice of the meeting: those to tell that it is on again.
    A read; no side effects."""
    return sorted(
        set(
            Delivery.objects.filter(
                topic=TOPIC, topic_id=meeting.pk, kind=MEETING_CANCELLED, status=DeliveryStatus.SENT
            ).values_list("recipient_id", flat=True)
        )
        - {None}
    )


def chunks(ids: list[int], size: int = CHUNK_SIZE):
    """The ids in batches of `size`, one task each. No side effects."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _meeting_with_agenda(meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("community", "series")
        .prefetch_related("agenda_items__presenter", "agenda_items__presenter_organisation")
        .filter(pk=meeting_id)
        .first()
    )


def _unchanged(meeting: Meeting) -> Callable[[], bool]:
    """True while the meeting keeps its status and start; reads it at most every MAIL_RECHECK_SECONDS."""
    state = {"checked": time.monotonic(), "same": True}
    expected = (meeting.status, meeting.starts_at)

    def check() -> bool:
        if state["same"] and time.monotonic() - state["checked"] >= settings.MAIL_RECHECK_SECONDS:
            state["checked"] = time.monotonic()
            state["same"] = Meeting.objects.filter(pk=meeting.pk).values_list("status", "starts_at").first() == expected
        return state["same"]

    return check


def _ics(meeting: Meeting, method: str = "PUBLISH") -> Callable[[str], bytes]:
    """The meeting's .ics file in a language: the same file for every recipient who reads that language
    (they are all in the audience), built once per language and batch; its labels are translated."""
    files: dict[str, bytes] = {}

    def in_language(language: str) -> bytes:
        if language not in files:
            with translation.override(language):
                files[language] = calendar_bytes(
                    [meeting], name=meeting.title, can_see_link=lambda m: True, method=method
                )
        return files[language]

    return in_language


def _message(
    *,
    template: str,
    person,
    meeting: Meeting,
    context: dict,
    ics: Callable[[str], bytes],
    meeting_url: str,
    fragments: Fragments,
):
    """One reader's e-mail about the meeting: rendered once per language and time zone for the batch
    (all read the same but for their name), with the .ics file of their language."""
    language = person.language or settings.LANGUAGE_CODE
    return fragments.message(
        template,
        key=None,  # one batch, one meeting as it was read at the start of the batch
        context={"meeting": meeting, "meeting_url": meeting_url, **context},
        personal={},
        person=person,
        attachments=[(f"meeting-{meeting.pk}.ics", ics(language), "text/calendar")],
    )


def send_meeting_reminders(
    *, meeting_id: int, offset: int, starts_at_iso: str, recipient_ids: list[int], claim: str
) -> BatchResult:
    """Remind these people of the meeting, unless it moved, was cancelled or started since the batch
    was planned; the batch stops within seconds if that happens while it sends.

    Side effects through deliver: a Delivery row of kind meeting reminder and one e-mail each, with the
    agenda, the online link and an .ics file; rows of a stale occasion not yet sent are deleted. A batch
    stopped by a move queues meeting_notices_task for those it reminded.
    """
    from members.models import User

    meeting = _meeting_with_agenda(meeting_id)
    if meeting is None:
        return BatchResult()
    if (
        meeting.status != MeetingStatus.SCHEDULED
        or meeting.starts_at <= timezone.now()
        or meeting.starts_at.isoformat() != starts_at_iso
    ):
        # Moved or cancelled: the sweep plans the reminders for the new time; nothing of the old goes out.
        stale = Delivery.objects.filter(kind=MEETING_REMINDER, topic=TOPIC, topic_id=meeting_id)
        discard(
            list(
                stale.filter(recipient_id__in=recipient_ids, params__starts_at=starts_at_iso).values_list(
                    "pk", flat=True
                )
            )
        )
        return BatchResult(stopped=True)
    people = User.objects.filter(pk__in=recipient_ids, is_active=True)
    ics, fragments = _ics(meeting), Fragments()
    meeting_url = settings.SITE_URL + meeting.get_absolute_url()
    result = deliver(
        recipients=people,
        occasion=reminder_occasion(meeting, offset),
        kind=MEETING_REMINDER,
        claim=claim,
        topic=(TOPIC, meeting.pk),
        params={"offset": offset, "starts_at": starts_at_iso},
        still_valid=_unchanged(meeting),
        build=lambda person: _message(
            template="meeting_reminder",
            person=person,
            meeting=meeting,
            context={"offset": offset},
            ics=ics,
            meeting_url=meeting_url,
            fragments=fragments,
        ),
    )
    if result.stopped and result.sent:
        _tell_of_move(meeting_id, result.sent)
    return result


def _tell_of_move(meeting_id: int, people: list[int]) -> None:
    """A batch stopped because its meeting moved: those it reminded hear of the move. The change's own
    notices were planned from the reminders recorded when it was saved, and one may have left in the
    moment between; the ledger tells each person once."""
    from ..tasks import meeting_notices_task

    starts_at = (
        Meeting.objects.filter(pk=meeting_id, status=MeetingStatus.SCHEDULED)
        .values_list("starts_at", flat=True)
        .first()
    )
    if starts_at is None:  # cancelled: its notice goes to everyone the meeting is for
        return
    try:
        meeting_notices_task.delay(
            notice="moved", meeting_id=meeting_id, recipient_ids=people, starts_at_iso=starts_at.isoformat()
        )
    except Exception:  # noqa: BLE001 - the reminders are sent and recorded; the change's own notices still go
        logger.warning("Could not queue the move notices of meeting %s", meeting_id, exc_info=True)


def send_meeting_notices(
    *,
    notice: str,
    meeting_id: int,
    recipient_ids: list[int],
    claim: str,
    starts_at_iso: str | None = None,
    sequence: int | None = None,
) -> BatchResult:
    """Tell people once that a meeting was cancelled (notice "cancelled", with an .ics that cancels it:
    METHOD:CANCEL), moved (notice "moved", with the updated .ics: same UID, higher SEQUENCE) or is on
    again after a cancellation was undone (notice "reinstated", the .ics that puts it back; `sequence`
    names the undoing).

    A move notice for a start the meeting no longer has is not sent (a later move has its own), nor a
    reinstatement notice for a meeting cancelled again. A cancellation batch stopped by an undo queues the
    reinstatement notice for those it told. Side effects through deliver: a Delivery row of kind
    cancellation notice, meeting moved or meeting on again, one e-mail each.
    """
    from members.models import User

    meeting = _meeting_with_agenda(meeting_id)
    if meeting is None:
        return BatchResult()
    if notice == "cancelled":
        if meeting.status != MeetingStatus.CANCELLED:
            return BatchResult()
        kind, occasion, template, ics = (
            MEETING_CANCELLED,
            cancellation_occasion(meeting),
            "meeting_cancelled",
            _ics(meeting, method="CANCEL"),
        )
    elif notice == "reinstated":
        if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= timezone.now():
            return BatchResult()
        sequence = meeting.sequence if sequence is None else sequence
        kind, occasion, template, ics = (
            MEETING_REINSTATED,
            reinstated_occasion(meeting, sequence),
            "meeting_reinstated",
            _ics(meeting),
        )
    else:
        if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at.isoformat() != starts_at_iso:
            stale = Delivery.objects.filter(kind=MEETING_MOVED, topic=TOPIC, topic_id=meeting_id)
            discard(
                list(
                    stale.filter(recipient_id__in=recipient_ids, params__starts_at=starts_at_iso).values_list(
                        "pk", flat=True
                    )
                )
            )
            return BatchResult(stopped=True)
        kind, occasion, template, ics = MEETING_MOVED, moved_occasion(meeting), "meeting_moved", _ics(meeting)
    meeting_url, fragments = settings.SITE_URL + meeting.get_absolute_url(), Fragments()
    params = {"starts_at": meeting.starts_at.isoformat()}
    if notice == "reinstated":
        params["sequence"] = sequence
    result = deliver(
        recipients=User.objects.filter(pk__in=recipient_ids, is_active=True),
        occasion=occasion,
        kind=kind,
        claim=claim,
        topic=(TOPIC, meeting.pk),
        params=params,
        still_valid=_unchanged(meeting),
        build=lambda person: _message(
            template=template,
            person=person,
            meeting=meeting,
            context={},
            ics=ics,
            meeting_url=meeting_url,
            fragments=fragments,
        ),
    )
    if notice == "cancelled" and result.stopped and result.sent:
        _tell_of_undo(meeting_id, result.sent)
    return result


def _tell_of_undo(meeting_id: int, people: list[int]) -> None:
    """A cancellation batch stopped because the cancellation was undone: those it told hear it is on again
    (the undo's own notices were planned from the notices recorded when it was saved)."""
    from ..tasks import meeting_notices_task

    meeting = Meeting.objects.filter(pk=meeting_id, status=MeetingStatus.SCHEDULED).first()
    if meeting is None:  # moved or cancelled again: their own notices follow
        return
    try:
        meeting_notices_task.delay(
            notice="reinstated",
            meeting_id=meeting_id,
            recipient_ids=people,
            starts_at_iso=meeting.starts_at.isoformat(),
            sequence=meeting.sequence,
        )
    except Exception:  # noqa: BLE001 - the cancellations are sent and recorded; the undo's own notices still go
        logger.warning("Could not queue the reinstatement notices of meeting %s", meeting_id, exc_info=True)
