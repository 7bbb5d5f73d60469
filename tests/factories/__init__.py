from .board import ChallengeFactory, ReplyFactory, ResourceFactory
from .communities import (
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    JoinRequestMembershipFactory,
    MembershipFactory,
    StakeholderLinkFactory,
)
from .events import AgendaItemFactory, MeetingFactory, MeetingSeriesFactory, PastMeetingFactory
from .members import PASSWORD, CoordinatorFactory, InvitationFactory, PendingUserFactory, UserFactory
from .organisations import (
    AffiliationFactory,
    ContactPersonFactory,
    FacilitatorOrganisationFactory,
    JoinRequestFactory,
    OrganisationFactory,
    StakeholderFactory,
)
from .proposals import (
    BaselineLineFactory,
    BudgetLineFactory,
    CallFactory,
    ExchangeRateFactory,
    ExpenseFactory,
    KeyActivityFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
)
from .together import ActionFactory, ObjectiveFactory, SignatureFactory, StatementFactory, WorkPlanFactory
from .trade import EnquiryFactory, OfferFactory

__all__ = [
    "ActionFactory",
    "AffiliationFactory",
    "AgendaItemFactory",
    "BaselineLineFactory",
    "BudgetLineFactory",
    "CallFactory",
    "ChallengeFactory",
    "CommunityFactory",
    "CommunityOrganisationFactory",
    "ContactPersonFactory",
    "CoordinatorFactory",
    "EnquiryFactory",
    "ExchangeRateFactory",
    "ExpenseFactory",
    "FacilitatorMembershipFactory",
    "FacilitatorOrganisationFactory",
    "InvitationFactory",
    "JoinRequestFactory",
    "JoinRequestMembershipFactory",
    "KeyActivityFactory",
    "MeetingFactory",
    "MeetingSeriesFactory",
    "MembershipFactory",
    "ObjectiveFactory",
    "OfferFactory",
    "OrganisationFactory",
    "PASSWORD",
    "PastMeetingFactory",
    "PendingUserFactory",
    "ProposalFactory",
    "ReplyFactory",
    "ResourceFactory",
    "ReviewAssignmentFactory",
    "SignatureFactory",
    "StakeholderFactory",
    "StakeholderLinkFactory",
    "StatementFactory",
    "UserFactory",
    "WorkPlanFactory",
]
