from django.db import models
from django.utils.translation import gettext_lazy as _

from common.badges import Tone, tones


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    REVISIONS_REQUESTED = "revisions_requested", _("Revisions requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


tones(
    ProposalStatus,
    {
        ProposalStatus.DRAFT: Tone.NEUTRAL,
        ProposalStatus.SUBMITTED: Tone.WAITING,
        ProposalStatus.UNDER_REVIEW: Tone.WAITING,
        ProposalStatus.REVISIONS_REQUESTED: Tone.WARNING,
        ProposalStatus.RESUBMITTED: Tone.WAITING,
        ProposalStatus.APPROVED: Tone.OK,
        ProposalStatus.REJECTED: Tone.DANGER,
        ProposalStatus.IN_IMPLEMENTATION: Tone.OK,
        ProposalStatus.COMPLETED: Tone.OK,
        ProposalStatus.WITHDRAWN: Tone.DANGER,
    },
)


# Groups of statuses the rules and services ask about.
EDITABLE = frozenset({ProposalStatus.DRAFT, ProposalStatus.REVISIONS_REQUESTED})
IN_REVIEW = frozenset({ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, ProposalStatus.RESUBMITTED})
DECIDABLE = frozenset({ProposalStatus.UNDER_REVIEW, ProposalStatus.RESUBMITTED})
FUNDED = frozenset({ProposalStatus.APPROVED, ProposalStatus.IN_IMPLEMENTATION, ProposalStatus.COMPLETED})
SPENDING = frozenset({ProposalStatus.APPROVED, ProposalStatus.IN_IMPLEMENTATION})
WITHDRAWABLE = EDITABLE | IN_REVIEW


class ExpenseChangeKind(models.TextChoices):
    CORRECTED = "corrected", _("Corrected")
    VOIDED = "voided", _("Voided")
    ACCEPTED = "accepted", _("Accepted")
    QUERIED = "queried", _("Queried")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected")


class ExpenseCheck(models.TextChoices):
    """Where a coordinator's check of an expense stands: only accepted expenses count as spent."""

    CLAIMED = "claimed", _("Not checked yet")
    QUERIED = "queried", _("Queried")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


tones(
    ExpenseCheck,
    {
        ExpenseCheck.CLAIMED: Tone.WAITING,
        ExpenseCheck.QUERIED: Tone.WARNING,
        ExpenseCheck.ACCEPTED: Tone.OK,
        ExpenseCheck.REJECTED: Tone.DANGER,
    },
)


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


tones(
    RevisionStatus,
    {
        RevisionStatus.PENDING: Tone.WAITING,
        RevisionStatus.APPROVED: Tone.OK,
        RevisionStatus.REFUSED: Tone.DANGER,
        RevisionStatus.WITHDRAWN: Tone.NEUTRAL,
    },
)


class Currency(models.TextChoices):
    USD = "USD", _("US dollar (USD)")
    KHR = "KHR", _("Cambodian riel (KHR)")
    EUR = "EUR", _("Euro (EUR)")
    THB = "THB", _("Thai baht (THB)")
    VND = "VND", _("Vietnamese dong (VND)")
    GBP = "GBP", _("Pound sterling (GBP)")
    AUD = "AUD", _("Australian dollar (AUD)")


class BudgetCategory(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel")
    TRAVEL = "travel", _("Travel and transport")
    VENUE = "venue", _("Venue")
    MEALS = "meals", _("Meals and refreshments")
    MATERIALS = "materials", _("Materials and supplies")
    COMMUNICATION = "communication", _("Communication and media")
    EQUIPMENT = "equipment", _("Equipment")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class VersionKind(models.TextChoices):
    SAVED = "saved", _("Saved")
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Resubmitted")


tones(
    VersionKind,
    {VersionKind.SAVED: Tone.NEUTRAL, VersionKind.SUBMITTED: Tone.WAITING, VersionKind.RESUBMITTED: Tone.WAITING},
)


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REVISE = "revise", _("Ask for revisions")
    REJECT = "reject", _("Reject")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


tones(
    ActivityStatus,
    {
        ActivityStatus.NOT_STARTED: Tone.NEUTRAL,
        ActivityStatus.IN_PROGRESS: Tone.NEUTRAL,
        ActivityStatus.DELAYED: Tone.DANGER,
        ActivityStatus.COMPLETED: Tone.OK,
        ActivityStatus.CANCELLED: Tone.DANGER,
    },
)


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    FINAL = "final", _("Final report")


class DocumentKind(models.TextChoices):
    LETTER_OF_SUPPORT = "letter", _("Letter of support")
    MOU = "mou", _("Memorandum of understanding")
    QUOTE = "quote", _("Quote")
    OTHER = "other", _("Other document")
