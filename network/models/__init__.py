from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .notifications import Notification
from .resources import Resource
from .trade import Enquiry, EnquiryMessage

__all__ = [
    "AgendaProposal",
    "Attachment",
    "Challenge",
    "ChallengeAgendaLink",
    "Enquiry",
    "EnquiryMessage",
    "Follow",
    "HelpfulVote",
    "Notification",
    "Reply",
    "Report",
    "Resource",
]
