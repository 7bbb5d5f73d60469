"""One-off e-mails (an invitation, a decision, a request to answer): rendered when the change is saved,
recorded in the ledger in the same transaction, sent by a worker after commit."""

import uuid
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Delivery
from .kinds import register_kind
from .render import render_for, render_message
from .sending import BatchResult, mail_queue, send_rows

NOTICE = register_kind("notice", label=_("Notice"))


def mail_people(
    people: Iterable, *, template: str, context: dict, kind: str = NOTICE, topic=("", None)
) -> list[Delivery]:
    """Queue templates/emails/<template> to each person with an address, each in their language and
    time zone. A rolled-back change sends nothing; a failing mail server never fails the request.

    Side effects: one pending Delivery row per person; after commit, the task that sends them.
    """
    occasion = f"{template}:{uuid.uuid4().hex}"
    return [
        mail_queue(
            message=render_for(person, template, context=context),
            kind=kind,
            occasion=occasion,
            recipient=person,
            topic=topic,
        )
        for person in people
        if person.email
    ]


def mail_address(
    address: str, *, template: str, context: dict, language: str | None = None, kind: str = NOTICE, topic=("", None)
) -> Delivery:
    """Queue an e-mail to an address with no account yet, in `language`. Side effects as mail_people."""
    message = render_message(template, to=address, context=context, language=language)
    return mail_queue(message=message, kind=kind, occasion=f"{template}:{uuid.uuid4().hex}", topic=topic)


def deliver_to_address(
    *, address: str, occasion: str, kind: str, claim: str, build: Callable, topic=("", None)
) -> BatchResult:
    """Send build() to an address at most once for the occasion (built at send time, like a reminder).

    Side effects: a Delivery row (recipient-less) and the e-mail; the row's state as it happens.
    """
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(address=address, occasion=occasion, kind=kind, topic=topic[0], topic_id=topic[1])],
            ignore_conflicts=True,
        )
    rows = Delivery.objects.filter(recipient__isnull=True, address=address, occasion=occasion)
    return send_rows(rows, build=lambda row: build(), claim=claim)
