"""Who may see a challenge: the one place that decides it, for the rule, the lists and the digest.

A challenge is for the whole network (no community) or for one community of practice. Approved members see
the network-wide ones and those of the communities they are active members of; coordinators see all.
A challenge a moderator hid stays visible to its author and to coordinators only.
"""

from collections.abc import Container

from django.db.models import Q, QuerySet

from communities.selectors import active_community_ids

from .models import Challenge


def audience_includes(*, community_id: int | None, member_of: Container[int], is_coordinator: bool) -> bool:
    """Whether a post for `community_id` (None: the whole network) reaches a person in those communities."""
    return is_coordinator or community_id is None or community_id in member_of


def may_see_challenge(*, challenge, person_id: int, member_of: Container[int], is_coordinator: bool) -> bool:
    """The rule for one challenge, given what is known of the person (see the module's docstring)."""
    if is_coordinator:
        return True
    if not audience_includes(community_id=challenge.community_id, member_of=member_of, is_coordinator=False):
        return False
    return not challenge.is_hidden or challenge.author_id == person_id


def challenge_visible_to(challenge, person) -> bool:
    """The same rule asked of the database afresh, for services: may `person` see `challenge` now?

    One query; no side effects. Someone who left the challenge's community no longer sees it.
    """
    if not person.is_network_member:
        return False
    return visible_challenges(person, Challenge.objects.filter(pk=challenge.pk)).exists()


def visible_challenges(user, challenges: QuerySet | None = None) -> QuerySet:
    """The same rule as a filter on a queryset of challenges (all challenges by default)."""
    challenges = Challenge.objects.all() if challenges is None else challenges
    if user.is_coordinator:
        return challenges
    in_audience = Q(community__isnull=True) | Q(community_id__in=active_community_ids(user))
    return challenges.filter(in_audience).filter(Q(is_hidden=False) | Q(author=user))
