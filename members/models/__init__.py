from .organisations import (
    Affiliation,
    AffiliationInvitation,
    ExpertiseTag,
    FocusArea,
    JoinRequest,
    Organisation,
    OrganisationChange,
    Region,
    RightsholderGroup,
)
from .people import Invitation, SignupNote, User, validate_time_zone
from .stakeholders import ContactPerson, Interaction
from .trade import Offer, OfferPhoto

__all__ = [
    "Affiliation",
    "AffiliationInvitation",
    "ContactPerson",
    "ExpertiseTag",
    "FocusArea",
    "Interaction",
    "Invitation",
    "JoinRequest",
    "Offer",
    "OfferPhoto",
    "Organisation",
    "OrganisationChange",
    "Region",
    "RightsholderGroup",
    "SignupNote",
    "User",
    "validate_time_zone",
]
