"""E-mails about proposals, each in its recipient's language, sent once the transaction commits."""

from collections.abc import Iterable

from django.conf import settings

from common.mail import mail_people
from members.enums import Role
from members.models import User


def mail_after_commit(people: Iterable[User], *, template: str, context: dict) -> None:
    """Queue one e-mail per person, sent by a worker after the commit; a rolled-back change sends nothing.

    Side effect: a pending Delivery row per person with an address (in their language and time zone);
    after commit, the task that sends them.
    """
    mail_people(people, template=template, context=context)


def coordinators() -> list[User]:
    """The active coordinators, who hear of submissions. A read; no side effects."""
    return list(User.objects.filter(is_active=True, role=Role.COORDINATOR))


def absolute(url: str) -> str:
    """The full address of a path on this site. No side effects."""
    return settings.SITE_URL + url
