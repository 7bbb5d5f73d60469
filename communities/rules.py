"""Permission predicates and named permissions for communities of practice.

Every approved member sees a community's about page; its members see the members-only parts;
its facilitators and the coordinators manage it. Anything not granted here is denied.
"""

import rules

from common.cache import per_user
from common.rules import add_model_perms
from members.rules import is_coordinator, is_member

from .enums import MembershipRole


def _active_roles(user) -> dict[int, str]:
    """{community id: role} of the user's active memberships, asked once per request."""
    return per_user(
        user,
        "community_roles",
        lambda: dict(user.community_memberships.active().values_list("community_id", "role")),
    )


def community_ids_of(user) -> set[int]:
    """The communities the person is an active member or facilitator of (asked once per user object)."""
    return set(_active_roles(user))


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
can_see_members_only = is_coordinator | is_community_member


rules.add_perm("communities.view_community", is_member)
rules.add_perm("communities.join_community", is_member)
rules.add_perm("communities.leave_community", is_community_member)
rules.add_perm("communities.view_members_only", can_see_members_only)
rules.add_perm("communities.manage_community", can_manage_community)
rules.add_perm("communities.add_community", is_coordinator)
rules.add_perm("communities.change_community", is_coordinator)
rules.add_perm("communities.delete_community", is_coordinator)

# The records behind the admin's pages and inlines: coordinators keep them there;
# everyone else changes them through the community's own pages and their rules.
add_model_perms("communities", ["communityorganisation", "membership", "stakeholderlink"], is_coordinator)
