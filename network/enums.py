from django.db import models
from django.utils.translation import gettext_lazy as _

from common.badges import Tone, tones


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


tones(
    ChallengeStatus,
    {ChallengeStatus.OPEN: Tone.WAITING, ChallengeStatus.ANSWERED: Tone.OK, ChallengeStatus.CLOSED: Tone.NEUTRAL},
)


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    CASE_STUDY = "case_study", _("Case study")


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("A reply on your challenge")
    FOLLOWED_REPLY = "followed_reply", _("A reply on a challenge you follow")
    ACCEPTED = "accepted", _("Your reply was accepted")
    MENTION = "mention", _("You were mentioned")
    AGENDA = "agenda", _("A challenge was put on a meeting's agenda")
    HIDDEN = "hidden", _("A moderator hid your post")
    AGENDA_PROPOSED = "agenda_proposed", _("A challenge was proposed for a meeting you run")
    AGENDA_DECLINED = "agenda_declined", _("Your challenge was not taken onto an agenda")
    ENQUIRY = "enquiry", _("An enquiry about your organisation's offer")
    ENQUIRY_REPLY = "enquiry_reply", _("A reply to an enquiry")


class AgendaProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


tones(
    AgendaProposalStatus,
    {
        AgendaProposalStatus.PENDING: Tone.WAITING,
        AgendaProposalStatus.ACCEPTED: Tone.OK,
        AgendaProposalStatus.DECLINED: Tone.NEUTRAL,
    },
)
