from .board import Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .notifications import Notification
from .resources import Resource

__all__ = [
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
