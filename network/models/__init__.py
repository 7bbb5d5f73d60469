from .board import (
    AgendaProposal,
    Attachment,
    Challenge,
    ChallengeAgendaLink,
    Follow,
    HelpfulVote,
    Reply,
    Report,
)
from .demo import DemoPart
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
from .lessons import CaseAnalysis, Lesson
from .notifications import Notification
from .resources import Resource
from .statements import Signature, Statement, StatementVersion
from .surveys import Answer, Choice, Participation, Question, Response, Survey
from .trade import Enquiry, EnquiryMessage
from .workplans import Action, Objective, WorkPlan

__all__ = [
    "Action",
    "AgendaProposal",
    "Answer",
    "Attachment",
    "CaseAnalysis",
    "Challenge",
    "ChallengeAgendaLink",
    "Choice",
    "Consortium",
    "ConsortiumDocument",
    "ConsortiumMessage",
    "ConsortiumPartner",
    "ConsortiumStep",
    "DemoPart",
    "Enquiry",
    "EnquiryMessage",
    "Follow",
    "FundingOpportunity",
    "HelpfulVote",
    "Lesson",
    "Notification",
    "Objective",
    "OpportunityFollow",
    "OpportunityInterest",
    "Participation",
    "Question",
    "Reply",
    "Report",
    "Resource",
    "Response",
    "Signature",
    "Statement",
    "StatementVersion",
    "Survey",
    "WorkPlan",
]
