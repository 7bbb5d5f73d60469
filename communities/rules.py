"""Permission predicates and named permissions for communities of practice.

Every approved member sees a community's about page; its members see the members-only parts;
its facilitators and the coordinators manage it. Anything not granted here is denied.
"""

import rules

from common.cache import per_user
from common.rules import add_model_perms
from members.rules import (
    facilitates_a_community,
    is_coordinator,
    is_member,
    leads_organisation,
    organisation_ids_of,
)

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

# --- partnerships ----------------------------------------------------------------------


def _partner_rows(partnership) -> list[tuple[int, int, int | None]]:
    """(partner id, organisation id, representative id) of a partnership, read once per partnership object."""
    if not hasattr(partnership, "_partner_rows"):
        partnership._partner_rows = list(partnership.partners.values_list("pk", "organisation_id", "representative_id"))
    return partnership._partner_rows


@rules.predicate
def is_partner(user, partnership):
    """Works for one of the partner organisations today, or represents a partner."""
    if partnership is None or not is_member(user):
        return False
    mine = organisation_ids_of(user)
    return any(org in mine or rep == user.pk for _, org, rep in _partner_rows(partnership))


@rules.predicate
def looks_after_partnership(user, partnership):
    """A facilitator of the partnership's community, today."""
    return (
        partnership is not None
        and partnership.community_id is not None
        and is_community_facilitator(user, partnership.community)
    )


@rules.predicate
def answers_for_partner(user, partner):
    """The partner's representative, or a leader of the partner organisation, today."""
    if partner is None or not is_member(user):
        return False
    return partner.representative_id == user.pk or leads_organisation(user, partner.organisation)


@rules.predicate
def owns_action(user, action):
    """Works for the organisation that owns a follow-up action."""
    if action is None or action.owner_id is None or not is_member(user):
        return False
    return action.owner.organisation_id in organisation_ids_of(user)


can_manage_partnership = is_coordinator | looks_after_partnership

rules.add_perm("communities.view_partnership_list", is_member)
rules.add_perm("communities.add_partnership", is_coordinator | facilitates_a_community)
rules.add_perm("communities.view_partnership", can_manage_partnership | is_partner)
rules.add_perm("communities.manage_partnership", can_manage_partnership)
rules.add_perm("communities.answer_review", answers_for_partner)
rules.add_perm("communities.complete_action", is_coordinator | owns_action)

# The records behind the admin's pages and inlines: coordinators keep them there;
# everyone else changes them through the community's own pages and their rules.
add_model_perms(
    "communities",
    [
        "communityorganisation",
        "membership",
        "stakeholderlink",
        "partnership",
        "partner",
        "principle",
        "successmeasure",
        "healthreview",
        "followupaction",
    ],
    is_coordinator,
)
