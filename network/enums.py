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


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# An action still expected to happen: past its end date it is overdue.
ACTION_OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

tones(
    ActionStatus,
    {
        ActionStatus.PLANNED: Tone.NEUTRAL,
        ActionStatus.IN_PROGRESS: Tone.WAITING,
        ActionStatus.DONE: Tone.OK,
        ActionStatus.POSTPONED: Tone.WARNING,
        ActionStatus.CANCELLED: Tone.DANGER,
    },
)


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for signatures")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Published")


tones(
    StatementStatus,
    {
        StatementStatus.DRAFT: Tone.NEUTRAL,
        StatementStatus.OPEN: Tone.WAITING,
        StatementStatus.CLOSED: Tone.WARNING,
        StatementStatus.PUBLISHED: Tone.OK,
    },
)


class PartnerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


tones(
    PartnerStatus,
    {PartnerStatus.INVITED: Tone.WARNING, PartnerStatus.ACCEPTED: Tone.OK, PartnerStatus.DECLINED: Tone.NEUTRAL},
)


class ConsortiumOutcome(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    SUBMITTED = "submitted", _("Submitted")
    WON = "won", _("Won")
    LOST = "lost", _("Not funded")


tones(
    ConsortiumOutcome,
    {
        ConsortiumOutcome.PREPARING: Tone.NEUTRAL,
        ConsortiumOutcome.SUBMITTED: Tone.WAITING,
        ConsortiumOutcome.WON: Tone.OK,
        ConsortiumOutcome.LOST: Tone.DANGER,
    },
)


class SurveyAudience(models.TextChoices):
    NETWORK = "network", _("Everyone in the network")
    COMMUNITY = "community", _("A community's members")
    MEETING = "meeting", _("A meeting's attendees")


class SurveyPurpose(models.TextChoices):
    GENERAL = "general", _("Survey")
    NEEDS = "needs", _("Needs assessment")
    FEEDBACK = "feedback", _("Meeting feedback")


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


tones(SurveyState, {SurveyState.DRAFT: Tone.NEUTRAL, SurveyState.OPEN: Tone.OK, SurveyState.CLOSED: Tone.NEUTRAL})


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("A scale from 1 to 5")
    SHORT = "short", _("A short text")
    LONG = "long", _("A long text")
