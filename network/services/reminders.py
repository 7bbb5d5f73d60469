"""Meeting reminders and cancellation notices."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from events.enums import MeetingStatus, ReminderOffset, RsvpResponse
from events.ical import calendar_bytes
from events.models import Meeting
from events.selectors import audience_people

from ..models import DeliveryKind
from .mailing import BatchResult, deliver

CHUNK_SIZE = 200


def reminder_occasion(meeting: Meeting, offset: int) -> str:
    """Keyed to the meeting's current start: once moved, the reminders for the new time are new occasions,
    and the old time's are never due again. No side effects.
    """
    return f"meeting:{meeting.pk}:{offset}:{meeting.starts_at:%Y%m%dT%H%M%SZ}"


def cancellation_occasion(meeting: Meeting) -> str:
    """The one occasion of a meeting's cancellation notice. No side effects."""
    return f"meeting:{meeting.pk}:cancelled"


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


def _ics(meeting: Meeting) -> Callable[[str], bytes]:
    """The meeting's .ics file in a language: the same file for every recipient who reads that language
    (they are all in the audience), built once per language and batch; its labels are translated."""
    files: dict[str, bytes] = {}

    def in_language(language: str) -> bytes:
        if language not in files:
            with translation.override(language):
                files[language] = calendar_bytes([meeting], name=meeting.title, can_see_link=lambda m: True)
        return files[language]

    return in_language


def _message(
    *, template: str, person, meeting: Meeting, context: dict, ics: Callable[[str], bytes]
) -> EmailMultiAlternatives:
    context = {
        "site_url": settings.SITE_URL,
        "network_name": settings.NETWORK_NAME,
        "person": person,
        "meeting": meeting,
        "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        **context,
    }
    language = person.language or settings.LANGUAGE_CODE
    with (
        translation.override(language),
        timezone.override(person.time_zone or settings.TIME_ZONE),
    ):
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email]
    )
    message.attach_alternative(html, "text/html")
    message.attach(f"meeting-{meeting.pk}.ics", ics(language), "text/calendar")
    return message


def send_meeting_reminders(
    *, meeting_id: int, offset: int, starts_at_iso: str, recipient_ids: list[int], claim: str
) -> BatchResult:
    """Remind these people of the meeting, unless it moved, was cancelled or started since the batch
    was planned.

    Side effects through deliver: a Delivery row of kind meeting reminder and one e-mail each, with the
    agenda, the online link and an .ics file.
    """
    from members.models import User

    meeting = _meeting_with_agenda(meeting_id)
    if meeting is None or meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= timezone.now():
        return BatchResult()
    if meeting.starts_at.isoformat() != starts_at_iso:
        return BatchResult()  # moved: the sweep plans the reminders for the new time
    people = User.objects.filter(pk__in=recipient_ids, is_active=True)
    ics = _ics(meeting)
    return deliver(
        recipients=people,
        occasion=reminder_occasion(meeting, offset),
        kind=DeliveryKind.MEETING_REMINDER,
        claim=claim,
        meeting_id=meeting.pk,
        build=lambda person: _message(
            template="meeting_reminder", person=person, meeting=meeting, context={"offset": offset}, ics=ics
        ),
    )


def send_cancellation_notices(*, meeting_id: int, recipient_ids: list[int], claim: str) -> BatchResult:
    """Tell people once that a meeting is cancelled.

    Side effects through deliver: a Delivery row of kind meeting cancelled and one e-mail each, with a
    cancelling .ics file.
    """
    from members.models import User

    meeting = _meeting_with_agenda(meeting_id)
    if meeting is None or meeting.status != MeetingStatus.CANCELLED:
        return BatchResult()
    ics = _ics(meeting)
    return deliver(
        recipients=User.objects.filter(pk__in=recipient_ids, is_active=True),
        occasion=cancellation_occasion(meeting),
        kind=DeliveryKind.MEETING_CANCELLED,
        claim=claim,
        meeting_id=meeting.pk,
        build=lambda person: _message(
            template="meeting_cancelled", person=person, meeting=meeting, context={}, ics=ics
        ),
    )
