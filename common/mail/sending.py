"""Sending e-mail through the delivery ledger: at most once per recipient and occasion, every
message's state committed as it happens, transient failures retried, permanent ones recorded.

A batch first claims its rows (one INSERT ... ON CONFLICT DO NOTHING under the unique
(recipient, occasion) constraint), then leases its rows a chunk at a time (an UPDATE that only takes
rows nobody else holds, so two workers never send the same one) and, one message at a time, builds the
message, sends it and records the outcome in the same breath. Writing each outcome at once, rather
than a chunk's outcomes together, is what keeps a crash from sending a chunk's messages twice.

Delivery guarantee, stated exactly: a row leased and sent is marked sent in its own statement right
after the server accepted the message. If the worker dies before the send, the lease runs out and the
row is sent again (nothing is lost). The only window for a second copy is a worker dying in the
milliseconds between the server's "250 accepted" and that UPDATE; we accept it rather than risk a
message that never goes (at-least-once on a crash in that window, at-most-once otherwise). There is no
second store (the old cache "sent mark") whose own failure could abort a batch.
"""

import logging
import smtplib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Delivery, DeliveryStatus
from .render import message_from_dict, message_to_dict

logger = logging.getLogger(__name__)
# Rows leased in one statement: a crash leaves at most this many rows leased and unsent, each sent again
# once its lease runs out; every message's outcome is still written the moment the server answers.
LEASE_CHUNK = 20


@dataclass
class BatchResult:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    given_up: dict[int, str] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)
    stopped: bool = False

    def add(self, other: "BatchResult") -> None:
        self.sent += other.sent
        self.failed.update(other.failed)
        self.given_up.update(other.given_up)
        self.skipped += other.skipped
        self.stopped = self.stopped or other.stopped


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def classify(error: Exception) -> tuple[bool, str]:
    """(permanent, text for the log). A 5xx reply about the message or its address is permanent;
    4xx replies, dropped connections, timeouts and anything else are worth another try."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = error.recipients.values()
        permanent = bool(replies) and all(500 <= code < 600 for code, _message in replies)
        detail = "; ".join(f"{address}: {code} {_text(reply)}" for address, (code, reply) in error.recipients.items())
        return permanent, f"{name}: {detail}"
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600, f"{name}: {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, UnicodeError | ValueError):
        return True, f"{name}: {error}"  # a malformed address or header: no retry will mend it
    return False, f"{name}: {error}"


def retry_delay(attempts: int) -> timedelta:
    """Bounded exponential backoff: base, 2 × base, 4 × base ... up to the maximum."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def _key(row: Delivery) -> int:
    return row.recipient_id or -row.pk


def _lease_chunk(rows: list[Delivery], claim: str) -> set[int]:
    """Lease these rows for `claim`, those nobody else holds; returns the ids taken. Two statements for
    the whole chunk: the UPDATE that takes them (its WHERE is the one rule, `takeable`, rechecked by
    PostgreSQL on each row it locks, so two senders never take the same row), and a read of which it took
    (the lease's end is this call's own moment) with their attempt counts."""
    now = timezone.now()
    until = now + timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    ids = [row.pk for row in rows]
    taken = (
        Delivery.objects.filter(pk__in=ids)
        .takeable(now=now, claim=claim)
        .update(status=DeliveryStatus.SENDING, claim=claim, lease_until=until, attempts=F("attempts") + 1)
    )
    if not taken:
        return set()
    attempts = dict(
        Delivery.objects.filter(pk__in=ids, claim=claim, status=DeliveryStatus.SENDING, lease_until=until).values_list(
            "pk", "attempts"
        )
    )
    for row in rows:
        if row.pk in attempts:
            row.attempts = attempts[row.pk]
    return set(attempts)


def _renew(ids: set[int], claim: str) -> set[int]:
    """Extend the lease of the rows of a chunk not sent yet; returns those still held."""
    if not ids:
        return ids
    until = timezone.now() + timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    held = Delivery.objects.filter(pk__in=ids, claim=claim, status=DeliveryStatus.SENDING)
    if held.update(lease_until=until) == len(ids):
        return ids
    return set(held.filter(lease_until=until).values_list("pk", flat=True))


# The one statement every message costs, written out: the ORM's building of it cost more than sending
# the message did (see `make bench`). Its effect is Delivery.objects.filter(pk=, claim=).update(...).
# A stored message is dropped once sent: it is never sent again, and it may hold a key (a password
# reset's link) that should not outlive its use in the database.
_MARK_SENT = (
    'UPDATE "network_delivery" SET "status" = %s, "sent_at" = %s, "subject" = %s, "address" = %s, "error" = \'\', '
    '"lease_until" = NULL, "next_attempt_at" = NULL, "message" = \'{}\' '
    'WHERE "network_delivery"."id" = %s AND "network_delivery"."claim" = %s'
)


def _record_sent(row: Delivery, claim: str, message: EmailMultiAlternatives, result: BatchResult) -> None:
    address = message.to[0][:254] if message.to else ""
    sent_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_MARK_SENT, [DeliveryStatus.SENT.value, sent_at, message.subject[:300], address, row.pk, claim])
    result.sent.append(_key(row))


def _record_failure(row: Delivery, claim: str, *, permanent: bool, text: str, result: BatchResult) -> None:
    give_up = permanent or row.attempts >= settings.MAIL_MAX_ATTEMPTS
    Delivery.objects.filter(pk=row.pk, claim=claim, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.GIVEN_UP if give_up else DeliveryStatus.FAILED,
        error=text[:2000],
        lease_until=None,
        next_attempt_at=None if give_up else timezone.now() + retry_delay(row.attempts),
    )
    (result.given_up if give_up else result.failed)[_key(row)] = text


def _defer(rows: list[Delivery], text: str, result: BatchResult, claim: str) -> None:
    """Rows not tried because the server is down: failed, due again after the first backoff step."""
    ids = [row.pk for row in rows]
    if not ids:
        return
    Delivery.objects.filter(pk__in=ids).takeable(now=timezone.now(), claim=claim).update(
        status=DeliveryStatus.FAILED,
        error=text[:2000],
        lease_until=None,
        next_attempt_at=timezone.now() + retry_delay(1),
    )
    for row in rows:
        result.failed[_key(row)] = text


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a connection that is already broken cannot be closed politely
        logger.debug("Closing a broken mail connection failed", exc_info=True)


class _Batch:
    """One run of send_rows: its mail connection, kept open from message to message, and how many
    transient failures came in a row."""

    def __init__(self, claim: str, result: BatchResult):
        self.claim, self.result = claim, result
        self.connection = None
        self.transient_in_a_row, self.last_error = 0, ""

    @property
    def server_down(self) -> bool:
        return self.transient_in_a_row >= settings.MAIL_STOP_AFTER_FAILURES

    def send(self, row: Delivery, build: Callable) -> None:
        """Build, send and record one leased row."""
        try:
            message = build(row)
        except Exception as error:  # noqa: BLE001 - a fault in one message must not strand the rest
            logger.exception("Building e-mail %s failed", row.pk)
            _record_failure(row, self.claim, permanent=False, text=classify(error)[1], result=self.result)
            return
        if message is None:
            Delivery.objects.filter(pk=row.pk, claim=self.claim).delete()
            return
        try:
            if self.connection is None:
                self.connection = get_connection()
                self.connection.open()  # one SMTP session for the batch, not one per message
            self.connection.send_messages([message])
        except SoftTimeLimitExceeded:
            _record_failure(
                row, self.claim, permanent=False, text="Time limit reached while sending", result=self.result
            )
            raise
        except Exception as error:  # noqa: BLE001 - classified: permanent for this row, or retried
            permanent, self.last_error = classify(error)
            self.close()
            _record_failure(row, self.claim, permanent=permanent, text=self.last_error, result=self.result)
            self.transient_in_a_row = 0 if permanent else self.transient_in_a_row + 1
            return
        self.transient_in_a_row = 0
        _record_sent(row, self.claim, message, self.result)

    def close(self) -> None:
        if self.connection is not None:
            _close(self.connection)
            self.connection = None


def send_rows(
    rows: Iterable[Delivery],
    *,
    build: Callable[[Delivery], EmailMultiAlternatives | None],
    claim: str,
    still_valid: Callable[[], bool] | None = None,
) -> BatchResult:
    """Send each row's message, leasing it first; a row someone else holds is skipped.

    Rows are leased LEASE_CHUNK at a time (one UPDATE), and each message's outcome is written the
    moment the server answered (see the module's docstring); a lease half run out is renewed for the
    rows of the chunk still to send, so no message starts with less than half a lease left.
    build(row) makes the message at send time; None means there is nothing to send (the row is deleted).
    still_valid(), asked before every message (it throttles its own reads), stops the batch when what
    the e-mails are about changed: rows not yet sent are then deleted, and the caller plans anew.
    Side effects: one e-mail per row, its Delivery row updated right after (sent, failed or given up).
    """
    rows = list(rows)
    result = BatchResult()
    batch = _Batch(claim, result)
    half_lease = settings.MAIL_LEASE_SECONDS / 2
    try:
        for start in range(0, len(rows), LEASE_CHUNK):
            chunk = rows[start : start + LEASE_CHUNK]
            held, leased_at = None, 0.0
            for index, row in enumerate(chunk):
                if still_valid is not None and not still_valid():
                    discard([r.pk for r in rows[start + index :]])
                    result.stopped = True
                    return result
                if batch.server_down:
                    _defer(rows[start + index :], f"Not tried: {batch.last_error}", result, claim)
                    return result
                if held is None:
                    held, leased_at = _lease_chunk(chunk, claim), time.monotonic()
                elif time.monotonic() - leased_at > half_lease:
                    held, leased_at = _renew(held, claim), time.monotonic()
                if row.pk not in held:
                    result.skipped.append(_key(row))
                    continue
                held.discard(row.pk)
                batch.send(row, build)
    finally:
        batch.close()
    return result


def claim_rows(
    *,
    recipients: Iterable,
    occasion: str | Callable[[object], str],
    kind: str,
    claim: str,
    topic: tuple[str, int | None] = ("", None),
    params: dict | None = None,
    window_of: Callable[[object], tuple] | None = None,
) -> list[tuple[object, Delivery]]:
    """Make sure each recipient has a row for their occasion, and return (person, row) for the rows
    that may be sent now (not sent, not held by another live sender). Two queries however many people."""
    occasion_of = occasion if callable(occasion) else (lambda person: occasion)
    people = {person.pk: person for person in recipients}
    if not people:
        return []
    now = timezone.now()
    occasions = {pk: occasion_of(person) for pk, person in people.items()}
    rows = []
    for pk, person in people.items():
        window_start, window_end = window_of(person) if window_of else (None, None)
        rows.append(
            Delivery(
                recipient_id=pk,
                address=person.email,
                occasion=occasions[pk],
                kind=kind,
                topic=topic[0],
                topic_id=topic[1],
                params=params or {},
                claim=claim,
                claimed_at=now,
                window_start=window_start,
                window_end=window_end,
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    takeable = (
        Delivery.objects.filter(kind=kind, recipient_id__in=list(people), occasion__in=set(occasions.values()))
        .takeable(now=now, claim=claim)
        .order_by("recipient_id")
    )
    return [(people[row.recipient_id], row) for row in takeable if occasions[row.recipient_id] == row.occasion]


def deliver(
    *,
    recipients: Iterable,
    occasion: str | Callable[[object], str],
    kind: str,
    claim: str,
    build: Callable[[object], EmailMultiAlternatives | None],
    topic: tuple[str, int | None] = ("", None),
    params: dict | None = None,
    window_of: Callable[[object], tuple] | None = None,
    still_valid: Callable[[], bool] | None = None,
) -> BatchResult:
    """Send build(person) to each recipient at most once for their occasion.

    occasion is one key for everyone or a function of the person (a digest's window differs per person).
    build may return None to send nothing to someone (an empty digest): their row is deleted.
    Side effects: a Delivery row per recipient, committed per message (see send_rows); the e-mails.
    """
    pairs = claim_rows(
        recipients=recipients,
        occasion=occasion,
        kind=kind,
        claim=claim,
        topic=topic,
        params=params,
        window_of=window_of,
    )
    people = {row.pk: person for person, row in pairs}
    return send_rows(
        [row for _person, row in pairs], build=lambda row: build(people[row.pk]), claim=claim, still_valid=still_valid
    )


def discard(ids: list[int]) -> int:
    """Delete rows that were never sent (their occasion is gone: a meeting moved). Returns how many."""
    if not ids:
        return 0
    return Delivery.objects.filter(pk__in=ids).exclude(status=DeliveryStatus.SENT).delete()[0]


# --- e-mails rendered when queued (the transactional outbox) ------------------------------


def mail_queue(*, message: EmailMultiAlternatives, kind: str, occasion: str, recipient=None, topic=("", None)):
    """Record an e-mail in the ledger, inside the caller's transaction, and send it from a task after
    commit: a rolled-back change sends nothing, a failing mail server never answers a request.

    Side effects: one pending Delivery row now; after commit, deliveries_send_task is queued (if the
    broker is down, the mail sweep finds the row later).
    """
    row = Delivery.objects.create(
        recipient=recipient,
        address="" if recipient is not None else message.to[0],
        occasion=occasion[:200],
        kind=kind,
        topic=topic[0],
        topic_id=topic[1],
        message=message_to_dict(message),
        subject=message.subject[:300],
    )
    transaction.on_commit(lambda: queue_sending([row.pk]))
    return row


def queue_sending(ids: list[int]) -> None:
    """Queue the task that sends these stored messages. A broker that is down is not the caller's
    problem: the rows stay pending and the mail sweep queues them again."""
    from ..tasks import deliveries_send_task

    try:
        deliveries_send_task.delay(delivery_ids=ids)
    except Exception:  # noqa: BLE001 - the broker being down must not fail the request that saved the change
        logger.warning("Could not queue e-mails %s; the mail sweep will", ids, exc_info=True)


def send_stored(*, delivery_ids: list[int], claim: str) -> BatchResult:
    """Send the rows' stored messages (see mail_queue). Side effects: e-mails; the rows' states."""
    rows = Delivery.objects.filter(pk__in=delivery_ids).exclude(message={}).order_by("pk")
    return send_rows(rows, build=lambda row: message_from_dict(row.message), claim=claim)
