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
from .statements import Signature, Statement, StatementVersion
from .workplans import Action, Objective, WorkPlan

__all__ = [
    "Action",
    "Objective",
    "Signature",
    "Statement",
    "StatementVersion",
    "WorkPlan",
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
