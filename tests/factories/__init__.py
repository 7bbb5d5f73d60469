from .communities import (
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    JoinRequestMembershipFactory,
    MembershipFactory,
    StakeholderLinkFactory,
)
from .members import PASSWORD, CoordinatorFactory, InvitationFactory, PendingUserFactory, UserFactory
from .organisations import (
    AffiliationFactory,
    ContactPersonFactory,
    FacilitatorOrganisationFactory,
    JoinRequestFactory,
    OrganisationFactory,
    StakeholderFactory,
)

__all__ = [
    "PASSWORD",
    "AffiliationFactory",
    "CommunityFactory",
    "CommunityOrganisationFactory",
    "ContactPersonFactory",
    "CoordinatorFactory",
    "FacilitatorMembershipFactory",
    "FacilitatorOrganisationFactory",
    "InvitationFactory",
    "JoinRequestFactory",
    "JoinRequestMembershipFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "PendingUserFactory",
    "StakeholderFactory",
    "StakeholderLinkFactory",
    "UserFactory",
]
