"""Permission predicates for communities of practice."""

import rules

from members.rules import is_coordinator, is_member

from .enums import MembershipRole, MembershipStatus


def _active_roles(user) -> dict[int, str]:
    """{community id: role} of the user's active memberships, asked once per user object."""
    if not hasattr(user, "_community_roles"):
        user._community_roles = dict(
            user.community_memberships.filter(status=MembershipStatus.ACTIVE).values_list("community_id", "role")
        )
    return user._community_roles


@rules.predicate
def is_community_member(user, community):
    """An active member or facilitator of the community."""
    if community is None or not is_member(user):
        return False
    return community.pk in _active_roles(user)


@rules.predicate
def is_community_facilitator(user, community):
    if community is None or not is_member(user):
        return False
    return _active_roles(user).get(community.pk) == MembershipRole.FACILITATOR


can_manage_community = is_coordinator | is_community_facilitator
