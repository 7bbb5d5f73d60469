"""In-app notifications. E-mail delivery of the same events belongs to the digests."""

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from common.fragments import person_scope, touch
from common.markup import mention_handles
from members.models import User

from ..enums import NotificationKind
from ..models import Notification


def mention_handle(person) -> str:
    """How to mention someone: their name with hyphens, e.g. @dara-kim. No side effects."""
    return slugify(person.display_name) or person.email.split("@")[0].lower()


def mentioned_people(text: str):
    """Members named in the text by @handle (their name with hyphens) or @ their e-mail's local part.

    A read; no side effects.
    """
    handles = mention_handles(text)
    if not handles:
        return []
    possible = Q()
    for handle in handles:
        words = Q()
        for word in handle.split("-"):
            words &= Q(display_name__icontains=word)
        possible |= Q(email__istartswith=f"{handle}@") | words
    candidates = User.objects.network_members().filter(possible)
    # The database narrows by words; the exact handle is compared here.
    return [
        person
        for person in candidates
        if mention_handle(person) in handles or person.email.split("@")[0].lower() in handles
    ]


def notify(*, recipients, kind: str, actor=None, challenge=None, reply=None, meeting=None, enquiry=None) -> int:
    """Create one notification per recipient, never for the actor themself. Returns how many.

    Writes the Notification rows, and the recipients' cached fragments (unread count, dashboard) are computed
    again; no e-mail (the digest carries the news by mail).
    """
    seen, rows = set(), []
    for person in recipients:
        if person is None or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        rows.append(
            Notification(
                recipient=person,
                kind=kind,
                actor=actor,
                challenge=challenge,
                reply=reply,
                meeting=meeting,
                enquiry=enquiry,
            )
        )
    Notification.objects.bulk_create(rows)
    if rows:
        touch(*(person_scope(row.recipient) for row in rows))
    return len(rows)


def notifications_mark_read(*, person, ids=None, challenge=None) -> int:
    """Mark a person's unread notifications read: all, those with these ids, or those of one challenge.

    Writes Notification.read_at, and the person's cached fragments (unread count, dashboard) are computed
    again when any was unread. Returns how many.
    """
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    if challenge is not None:
        unread = unread.filter(challenge=challenge)
    changed = unread.update(read_at=timezone.now())
    if changed:
        touch(person_scope(person))
    return changed


__all__ = ["NotificationKind", "mention_handle", "mentioned_people", "notifications_mark_read", "notify"]
