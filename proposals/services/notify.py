"""E-mails about proposals, each in its recipient's language, sent once the transaction commits."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from members.enums import Role
from members.mail import send_templated_mail
from members.models import User


def mail_after_commit(people: Iterable[User], *, template: str, context: dict) -> None:
    """Queue one e-mail per person for after the commit; a rolled-back change sends nothing.

    Side effect: after commit, one e-mail to each person with an address, in their language.
    """
    recipients = [(person.email, person.language) for person in people if person.email]

    def send():
        for email, language in recipients:
            send_templated_mail(template=template, to=[email], context=context, language=language)

    if recipients:
        transaction.on_commit(send)


def coordinators() -> list[User]:
    """The active coordinators, who hear of submissions. A read; no side effects."""
    return list(User.objects.filter(is_active=True, role=Role.COORDINATOR))


def absolute(url: str) -> str:
    """The full address of a path on this site. No side effects."""
    return settings.SITE_URL + url
