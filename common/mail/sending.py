"""Sending e-mail through the delivery ledger: at most once per recipient and occasion, every
message's state committed as it happens, transient failures retried, permanent ones recorded.

A batch first claims its rows (one INSERT ... ON CONFLICT DO NOTHING under the unique
(recipient, occasion) constraint), then, one message at a time: leases the row (an UPDATE that only
succeeds on a row nobody else holds, so two workers never send the same one), builds the message,
sends it and records the outcome in the same breath.

Delivery guarantee, stated exactly: a row leased and sent is marked sent in its own statement right
after the server accepted the message. If the worker dies before the send, the lease runs out and the
row is sent again (nothing is lost). The only window for a second copy is a worker dying in the
milliseconds between the server's "250 accepted" and that UPDATE; we accept it rather than risk a
message that never goes (at-least-once on a crash in that window, at-most-once otherwise). There is no
second store (the old cache "sent mark") whose own failure could abort a batch.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import Delivery, DeliveryStatus
from .render import message_from_dict, message_to_dict

logger = logging.getLogger(__name__)


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


def _lease(row: Delivery, claim: str) -> bool:
    now = timezone.now()
    taken = (
        Delivery.objects.filter(pk=row.pk)
        .takeable(now=now, claim=claim)
        .update(
            status=DeliveryStatus.SENDING,
            claim=claim,
            lease_until=now + timedelta(seconds=settings.MAIL_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    row.attempts += 1
    return taken == 1


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


def send_rows(
    rows: Iterable[Delivery],
    *,
    build: Callable[[Delivery], EmailMultiAlternatives | None],
    claim: str,
    still_valid: Callable[[], bool] | None = None,
) -> BatchResult:
    """Send each row's message, leasing it first; a row someone else holds is skipped.

    build(row) makes the message at send time; None means there is nothing to send (the row is deleted).
    still_valid(), asked before every message (it throttles its own reads), stops the batch when what
    the e-mails are about changed: rows not yet sent are then deleted, and the caller plans anew.
    Side effects: one e-mail per row, its Delivery row updated right after (sent, failed or given up).
    """
    rows = list(rows)
    result = BatchResult()
    connection = None
    transient_in_a_row, last_error = 0, ""
    try:
        for index, row in enumerate(rows):
            if still_valid is not None and not still_valid():
                discard([r.pk for r in rows[index:]])
                result.stopped = True
                break
            if transient_in_a_row >= settings.MAIL_STOP_AFTER_FAILURES:
                _defer(rows[index:], f"Not tried: {last_error}", result, claim)
                break
            if not _lease(row, claim):
                result.skipped.append(_key(row))
                continue
            try:
                message = build(row)
            except Exception as error:  # noqa: BLE001 - a fault in one message must not strand the rest
                logger.exception("Building e-mail %s failed", row.pk)
                _record_failure(row, claim, permanent=False, text=classify(error)[1], result=result)
                continue
            if message is None:
                Delivery.objects.filter(pk=row.pk, claim=claim).delete()
                continue
            try:
                if connection is None:
                    connection = get_connection()
                connection.send_messages([message])
            except SoftTimeLimitExceeded:
                _record_failure(row, claim, permanent=False, text="Time limit reached while sending", result=result)
                raise
            except Exception as error:  # noqa: BLE001 - classified: permanent for this row, or retried
                permanent, last_error = classify(error)
                _close(connection)
                connection = None
                _record_failure(row, claim, permanent=permanent, text=last_error, result=result)
                transient_in_a_row = 0 if permanent else transient_in_a_row + 1
                continue
            transient_in_a_row = 0
            Delivery.objects.filter(pk=row.pk, claim=claim).update(
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                subject=message.subject[:300],
                address=message.to[0][:254] if message.to else "",
                error="",
                lease_until=None,
                next_attempt_at=None,
            )
            result.sent.append(_key(row))
    finally:
        if connection is not None:
            _close(connection)
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
