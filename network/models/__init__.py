from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .deliveries import Delivery, DeliveryKind, DeliveryStatus
from .notifications import Notification
from .resources import Resource

__all__ = [
    "AgendaProposal",
    "Delivery",
    "DeliveryKind",
    "DeliveryStatus",
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
