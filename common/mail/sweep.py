"""Nothing stays "being sent" forever: the sweep queues again every row whose sender died, whose
task was lost, or whose retry is due; a coordinator may retry failed rows by hand."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Delivery, DeliveryStatus
from .kinds import get_kind
from .sending import queue_sending

logger = logging.getLogger(__name__)
SWEEP_LIMIT = 5000
STORED_CHUNK = 50


def _queue_again(ids_by_kind: dict[str, list[int]]) -> int:
    queued = 0
    for kind_name, ids in ids_by_kind.items():
        kind = get_kind(kind_name)
        if kind is not None and kind.resend is not None:
            kind.resend(ids)
        else:
            for start in range(0, len(ids), STORED_CHUNK):
                queue_sending(ids[start : start + STORED_CHUNK])
        queued += len(ids)
    return queued


def deliveries_requeue(now=None) -> int:
    """Queue again what is due: rows pending past the grace, failed and due, or leased by a dead sender.
    Rows that ran out of attempts are given up instead. Returns how many rows were queued.

    Side effects: Delivery rows given up; tasks queued through each kind's resend.
    """
    now = now or timezone.now()
    due = Delivery.objects.due_again(now=now, pending_grace=timedelta(seconds=settings.MAIL_PENDING_GRACE_SECONDS))
    exhausted = due.filter(attempts__gte=settings.MAIL_MAX_ATTEMPTS)
    exhausted.filter(status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.GIVEN_UP, error="The sender stopped while sending, too many times.", lease_until=None
    )
    exhausted.filter(status=DeliveryStatus.FAILED).update(status=DeliveryStatus.GIVEN_UP, next_attempt_at=None)
    ids_by_kind = defaultdict(list)
    for pk, kind in (
        due.filter(attempts__lt=settings.MAIL_MAX_ATTEMPTS).order_by("pk").values_list("pk", "kind")[:SWEEP_LIMIT]
    ):
        ids_by_kind[kind].append(pk)
    return _queue_again(ids_by_kind)


@transaction.atomic
def deliveries_retry(*, deliveries, by) -> int:
    """Send failed or given-up e-mails again now, with a fresh count of attempts. Returns how many.

    Side effects: the rows become failed and due; after commit, their sending is queued.
    """
    ids = [d.pk for d in deliveries if d.status in (DeliveryStatus.FAILED, DeliveryStatus.GIVEN_UP)]
    rows = Delivery.objects.filter(pk__in=ids, status__in=[DeliveryStatus.FAILED, DeliveryStatus.GIVEN_UP])
    ids_by_kind = defaultdict(list)
    for pk, kind in rows.values_list("pk", "kind"):
        ids_by_kind[kind].append(pk)
    rows.update(status=DeliveryStatus.FAILED, attempts=0, next_attempt_at=timezone.now())
    transaction.on_commit(lambda: _queue_again(ids_by_kind))
    return sum(len(ids) for ids in ids_by_kind.values())
