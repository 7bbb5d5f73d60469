from .communities import (
    community_create,
    community_name_check,
    community_update,
    organisation_add,
    organisation_remove,
    stakeholder_link_create,
    stakeholder_link_remove,
    stakeholder_link_update,
)
from .memberships import (
    membership_approve,
    membership_decline,
    membership_invitation_accept,
    membership_invitation_decline,
    membership_invite,
    membership_leave,
    membership_request,
    membership_set_role,
)

__all__ = [
    "community_create",
    "community_name_check",
    "community_update",
    "membership_approve",
    "membership_decline",
    "membership_invitation_accept",
    "membership_invitation_decline",
    "membership_invite",
    "membership_leave",
    "membership_request",
    "membership_set_role",
    "organisation_add",
    "organisation_remove",
    "stakeholder_link_create",
    "stakeholder_link_remove",
    "stakeholder_link_update",
]
