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
    "ContactPersonFactory",
    "CoordinatorFactory",
    "FacilitatorOrganisationFactory",
    "InvitationFactory",
    "JoinRequestFactory",
    "OrganisationFactory",
    "PendingUserFactory",
    "StakeholderFactory",
    "UserFactory",
]
