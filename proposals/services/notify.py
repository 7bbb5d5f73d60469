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


def authors_to_tell(proposal) -> list[User]:
    """The proposal's co-authors who are still active members of its community, the ones told of a decision
    on its spending (a co-author who left the community is no longer told). A read; no side effects."""
    return list(
        proposal.authors.filter(
            is_active=True, pk__in=proposal.community.memberships.active().values("person")
        ).order_by("pk")
    )


def absolute(url: str) -> str:
    """The full address of a path on this site. No side effects."""
    return settings.SITE_URL + url
