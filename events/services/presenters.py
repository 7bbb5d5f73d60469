"""Telling presenters they are on a meeting's agenda: members by their account, guests at the address
the coordinator gave. Each e-mail carries the agenda with its start times and the meeting's .ics file.

Through the delivery ledger: one e-mail per presenter and occasion, the occasion naming the meeting's
version (its SEQUENCE, which rises when it moves) and the items the person presents. Saving an item
again changes nothing; a new item for someone, or a new time for the meeting, tells them again.
"""

import hashlib
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, deliver, deliver_to_address, register_kind, render_message
from common.mail.render import render_for
from common.models import Delivery

from ..enums import MeetingStatus
from ..ical import calendar_bytes
from ..models import Meeting

logger = logging.getLogger(__name__)
TOPIC = "events.meeting"


def _resend(ids: list[int]) -> None:
    meeting_ids = set(Delivery.objects.filter(pk__in=ids).values_list("topic_id", flat=True))
    for meeting_id in meeting_ids:
        queue_presenter_notices(meeting_id)


AGENDA_PRESENTER = register_kind("agenda_presenter", label=_("Presenter notice"), resend=_resend)


def presenter_occasion(meeting: Meeting, items, who: str = "") -> str:
    """The meeting's version and the items presented (and, for a guest, their address, since guests share
    the recipient-less rows). No side effects."""
    ids = ",".join(str(item.pk) for item in sorted(items, key=lambda item: item.pk))
    digest = hashlib.sha256(f"{who}|{ids}".encode()).hexdigest()[:16]
    return f"meeting:{meeting.pk}:presenter:{meeting.sequence}:{digest}"


def queue_presenter_notices(meeting_id: int) -> None:
    """Queue the task that tells the meeting's presenters; a broker that is down does not fail the caller
    (the next save of the agenda, or a retry of the ledger's rows, queues it again)."""
    from ..tasks import agenda_presenters_notify_task

    try:
        agenda_presenters_notify_task.delay(meeting_id=meeting_id)
    except Exception:  # noqa: BLE001 - the agenda is saved; telling the presenters can wait for the next save
        logger.warning("Could not queue the presenter notices of meeting %s", meeting_id, exc_info=True)


def queue_presenter_notices_on_commit(meeting: Meeting) -> None:
    """Side effects: after the caller's transaction commits, queue_presenter_notices (one task)."""
    transaction.on_commit(lambda: queue_presenter_notices(meeting.pk))


def _meeting(meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("community", "series")
        .prefetch_related("agenda_items__presenter", "agenda_items__presenter_organisation")
        .filter(pk=meeting_id)
        .first()
    )


def send_presenter_notices(*, meeting_id: int, claim: str) -> BatchResult:
    """Tell each presenter of a meeting still to come, once per occasion (see the module).

    Member presenters who are approved and active get it in their language and time zone, with a link to
    the meeting; guests in the language chosen for them and the meeting's time zone, without a link (they
    cannot sign in). A cancelled meeting's guests get the cancellation, with the .ics that removes it (members
    have theirs with the meeting's audience). Side effects through the ledger: a Delivery row of kind
    presenter notice and one e-mail each, with the .ics file.
    """
    from members.models import User

    meeting = _meeting(meeting_id)
    result = BatchResult()
    if meeting is None or meeting.starts_at <= timezone.now():
        return result
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if meeting.status != MeetingStatus.SCHEDULED and not cancelled:
        return result
    timeline = meeting.agenda_timeline
    members, guests = defaultdict(list), defaultdict(list)
    for item, _starts in timeline:
        if item.presenter_id:
            members[item.presenter_id].append(item)
        if item.guest_email:
            guests[item.guest_email.lower()].append(item)
    files: dict[str, bytes] = {}

    def ics(language: str) -> bytes:
        if language not in files:
            with translation.override(language):
                files[language] = calendar_bytes(
                    [meeting],
                    name=meeting.title,
                    can_see_link=lambda m: True,
                    method="CANCEL" if cancelled else "PUBLISH",
                )
        return files[language]

    meeting_url = settings.SITE_URL + meeting.get_absolute_url()
    people = User.objects.network_members().filter(pk__in=[] if cancelled else list(members))
    result.add(
        deliver(
            recipients=people,
            occasion=lambda person: presenter_occasion(meeting, members[person.pk]),
            kind=AGENDA_PRESENTER,
            claim=claim,
            topic=(TOPIC, meeting.pk),
            build=lambda person: render_for(
                person,
                "agenda_presenter",
                context={
                    "meeting": meeting,
                    "timeline": timeline,
                    "mine": members[person.pk],
                    "name": person.name,
                    "meeting_url": meeting_url,
                },
                attachments=[
                    (f"meeting-{meeting.pk}.ics", ics(person.language or settings.LANGUAGE_CODE), "text/calendar")
                ],
            ),
        )
    )
    for address, items in guests.items():
        guest = items[0]
        result.add(
            deliver_to_address(
                address=address,
                occasion=presenter_occasion(meeting, items, who=address),
                kind=AGENDA_PRESENTER,
                claim=claim,
                topic=(TOPIC, meeting.pk),
                build=lambda guest=guest, items=items, address=address: render_message(
                    "meeting_cancelled" if cancelled else "agenda_presenter",
                    to=address,
                    context={
                        "meeting": meeting,
                        "timeline": timeline,
                        "mine": items,
                        "name": guest.guest_name,
                        "person": {"name": guest.guest_name},
                    },
                    language=guest.guest_language,
                    time_zone=meeting.time_zone,
                    attachments=[(f"meeting-{meeting.pk}.ics", ics(guest.guest_language), "text/calendar")],
                ),
            )
        )
    return result
