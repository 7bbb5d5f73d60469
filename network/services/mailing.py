"""Sending e-mail exactly once per person and occasion, in batches whose query count stays flat.

A batch claims its recipients with one INSERT ... ON CONFLICT DO NOTHING under the unique
(recipient, occasion) constraint: a second task for the same occasion, at once or later, claims
nobody and sends nothing. Rows keep the claiming task's id, so a retry of that task (after a
crash or a transient SMTP error) finishes what it started; a mark in the cache per message sent
keeps the retry from sending twice what went out before the crash.
"""

import smtplib
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import F
from django.utils import timezone

from ..models import Delivery, DeliveryStatus

# Worth retrying: the server or the network failed, not the message.
TRANSIENT_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    socket.timeout,
    ConnectionError,
    TimeoutError,
)
SENT_MARK_SECONDS = 7 * 24 * 3600


@dataclass
class BatchResult:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)


def _claim(*, people: dict, occasion_of, kind: str, claim: str, meeting_id=None, window_of=None) -> set[int]:
    """Claim every recipient for their occasion in one statement; returns those this claim may send to."""
    if not people:
        return set()
    now = timezone.now()
    rows = []
    for pk, person in people.items():
        window_start, window_end = window_of(person) if window_of else (None, None)
        rows.append(
            (
                pk,
                occasion_of(person),
                kind,
                DeliveryStatus.CLAIMED,
                meeting_id,
                claim,
                now,
                0,
                "",
                window_start,
                window_end,
                "",
            )
        )
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Delivery._meta.db_table} (recipient_id, occasion, kind, status, meeting_id, claim, "  # noqa: S608
            "claimed_at, attempts, error, window_start, window_end, subject) "
            f"VALUES {placeholders} ON CONFLICT (recipient_id, occasion) DO NOTHING",
            [value for row in rows for value in row],
        )
    # Ours: just inserted, or claimed by this same task before it crashed or met a transient error.
    # A claim names one task run, so recipient and claim find the rows whatever their occasions.
    return set(
        Delivery.objects.filter(claim=claim, recipient_id__in=list(people))
        .exclude(status=DeliveryStatus.SENT)
        .values_list("recipient_id", flat=True)
    )


def _mark(occasion: str, recipient_id: int) -> str:
    return f"delivery-sent:{occasion}:{recipient_id}"


def deliver(
    *,
    recipients: Iterable,
    occasion: str | Callable[[object], str],
    kind: str,
    claim: str,
    build: Callable[[object], EmailMultiAlternatives | None],
    meeting_id=None,
    window_of: Callable[[object], tuple] | None = None,
) -> BatchResult:
    """Send build(person) to each recipient at most once for their occasion.

    occasion is one key for everyone or a function of the person (a digest's window differs per person).
    build may return None to send nothing to someone (an empty digest): their claim is released.
    Writes a Delivery row per recipient (claimed, then sent, failed or deleted) and a sent mark in the
    cache; sends the e-mails. The number of queries is the same for 1 recipient or 500.
    """
    occasion_of = occasion if callable(occasion) else (lambda person: occasion)
    people = {person.pk: person for person in recipients}
    result = BatchResult()
    ours = _claim(
        people=people, occasion_of=occasion_of, kind=kind, claim=claim, meeting_id=meeting_id, window_of=window_of
    )
    result.skipped = [pk for pk in people if pk not in ours]
    marks = {pk: _mark(occasion_of(people[pk]), pk) for pk in ours}
    already = cache.get_many(list(marks.values()))
    subjects, nothing_to_send = {}, []
    smtp = get_connection()
    try:
        for pk in sorted(ours):
            if marks[pk] in already:
                result.sent.append(pk)
                continue
            message = build(people[pk])
            if message is None:
                nothing_to_send.append(pk)
                continue
            message.connection = smtp
            try:
                message.send()
            except TRANSIENT_ERRORS as error:
                result.failed[pk] = f"{type(error).__name__}: {error}"
                continue
            cache.set(marks[pk], 1, SENT_MARK_SECONDS)
            subjects[pk] = message.subject[:300]
            result.sent.append(pk)
    finally:
        smtp.close()
    mine = Delivery.objects.filter(claim=claim)
    if result.sent:
        # One subject per batch is enough for the log; the kind and occasion say the rest.
        subject = next(iter(subjects.values()), "")
        mine.filter(recipient_id__in=result.sent).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), subject=subject, error=""
        )
    if result.failed:
        error_text = "; ".join(sorted(set(result.failed.values())))[:2000]
        mine.filter(recipient_id__in=list(result.failed)).update(
            status=DeliveryStatus.FAILED, error=error_text, attempts=F("attempts") + 1
        )
    if nothing_to_send:
        mine.filter(recipient_id__in=nothing_to_send).delete()
    return result
