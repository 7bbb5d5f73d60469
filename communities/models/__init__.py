from .communities import (
    Community,
    CommunityOrganisation,
    CommunityQuerySet,
    Membership,
    MembershipQuerySet,
    StakeholderLink,
)
from .partnerships import (
    FollowUpAction,
    HealthReview,
    Partner,
    Partnership,
    PartnershipQuerySet,
    Principle,
    ReviewAnswer,
    ReviewScore,
    SuccessMeasure,
)

__all__ = [
    "Community",
    "CommunityOrganisation",
    "CommunityQuerySet",
    "FollowUpAction",
    "HealthReview",
    "Membership",
    "MembershipQuerySet",
    "Partner",
    "Partnership",
    "PartnershipQuerySet",
    "Principle",
    "ReviewAnswer",
    "ReviewScore",
    "StakeholderLink",
    "SuccessMeasure",
]
