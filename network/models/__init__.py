from .board import AgendaProposal, Attachment, Challenge, ChallengeAgendaLink, Follow, HelpfulVote, Reply, Report
from .demo import DemoPart
from .lessons import CaseAnalysis, Lesson
from .notifications import Notification
from .resources import Resource
from .surveys import Answer, Choice, Participation, Question, Response, Survey

__all__ = [
    "CaseAnalysis",
    "Lesson",
    "Answer",
    "Choice",
    "Participation",
    "Question",
    "Response",
    "Survey",
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
