from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
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
    "Follow",
    "HelpfulVote",
    "Notification",
    "Reply",
    "Report",
    "Resource",
]
