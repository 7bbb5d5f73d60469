from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .funding import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMessage,
    ConsortiumPartner,
    ConsortiumStep,
    FundingOpportunity,
    OpportunityFollow,
    OpportunityInterest,
)
from .notifications import Notification
from .resources import Resource

__all__ = [
    "AgendaProposal",
    "Attachment",
    "Challenge",
    "ChallengeAgendaLink",
    "Consortium",
    "ConsortiumDocument",
    "ConsortiumMessage",
    "ConsortiumPartner",
    "ConsortiumStep",
    "Follow",
    "FundingOpportunity",
    "HelpfulVote",
    "Notification",
    "OpportunityFollow",
    "OpportunityInterest",
    "Reply",
    "Report",
    "Resource",
]
