from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .demo import DemoPart
from .notifications import Notification
from .resources import Resource

__all__ = [
    "AgendaProposal",
    "Attachment",
    "Challenge",
    "ChallengeAgendaLink",
    "DemoPart",
    "Follow",
    "HelpfulVote",
    "Notification",
    "Reply",
    "Report",
    "Resource",
]
