"""Reviews: coordinators assign reviewers from outside the proposing community; reviewers score each criterion."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields
from members.models import User

from ..enums import IN_REVIEW, ProposalStatus
from ..models import Proposal, ReviewAssignment, ReviewScore
from .drafting import lock_proposal
from .notify import absolute, mail_after_commit
from .workflow import proposal_start_review, require_status


def _check_independent(proposal: Proposal, reviewer: User) -> None:
    """A reviewer writes neither the proposal nor belongs to the community that proposes it.

    Asked when a reviewer is assigned and again at every score: one who joins the proposing community
    or becomes a co-author later stops reviewing at once.
    """
    if not reviewer.is_network_member:
        raise ValidationError(
            {"reviewer": _("%(name)s is not an active member of the network.") % {"name": reviewer.name}}
        )
    if proposal.authors.filter(pk=reviewer.pk).exists():
        raise ValidationError(
            {"reviewer": _("%(name)s is a co-author of this proposal and cannot review it.") % {"name": reviewer.name}}
        )
    if reviewer.community_memberships.active().filter(community=proposal.community).exists():
        raise ValidationError(
            {
                "reviewer": _("%(name)s is a member of %(community)s, which proposes this, and cannot review it.")
                % {"name": reviewer.name, "community": proposal.community}
            }
        )


def default_due_on(proposal: Proposal) -> datetime.date:
    """The day a review asked today is due, by the call's days to review. No side effects."""
    return timezone.localdate() + datetime.timedelta(days=proposal.call.review_days)


@transaction.atomic
def review_assign(
    *, proposal: Proposal, reviewer: User, by: User, due_on: datetime.date | None = None
) -> ReviewAssignment:
    """Ask someone to review by a due date (by default the call's days to review from today). A submitted or
    resubmitted proposal moves to review with its first reviewer.

    Writes a ReviewAssignment (and the move to review with its StatusChange); after commit, an e-mail to
    the reviewer. Raises ValidationError when the proposal is not submitted or in review, the reviewer
    is not independent of it or already reviews it, or the due date has passed.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=IN_REVIEW, action=_("given reviewers"))
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    _check_independent(proposal, reviewer)
    if ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("%(name)s already reviews this proposal.") % {"name": reviewer.name}})
    assignment = ReviewAssignment.objects.create(
        proposal=proposal, reviewer=reviewer, assigned_by=by, due_on=due_on or default_due_on(proposal)
    )
    if proposal.status in (ProposalStatus.SUBMITTED, ProposalStatus.RESUBMITTED):
        proposal_start_review(proposal=proposal, by=by)
    mail_after_commit(
        [reviewer],
        template="proposal_review_assigned",
        context={
            "proposal": proposal,
            "reviewer": reviewer,
            "community": str(proposal.community),
            "review_url": absolute(reverse("proposals:review_submit", args=[proposal.pk])),
            "due_on": assignment.due_on,
        },
    )
    return assignment


@transaction.atomic
def review_unassign(*, assignment: ReviewAssignment, by: User) -> None:
    """Take a reviewer off a proposal before they scored it.

    Deletes the ReviewAssignment; no e-mail. Raises ValidationError when they already scored it.
    """
    if assignment.submitted_at is not None:
        raise ValidationError(
            _("%(name)s has already scored this proposal; the review stays.") % {"name": assignment.reviewer.name}
        )
    assignment.delete()


def _locked_own(assignment: ReviewAssignment, by: User, *, action: str) -> tuple[Proposal, ReviewAssignment]:
    proposal = lock_proposal(assignment.proposal)
    require_status(proposal, allowed=IN_REVIEW, action=action)
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.reviewer_id != by.pk:
        raise ValidationError(_("Only the assigned reviewer can score this proposal."))
    try:
        _check_independent(proposal, by)
    except ValidationError as error:
        # Shown on top of the scoring form, which has no reviewer field.
        raise ValidationError(error.messages) from error
    return proposal, assignment


def _check_review(criteria, scores: dict[int, int | None], *, all_needed: bool, comments: dict[str, str]) -> None:
    """Refuse, in one ValidationError, comments beyond the Markdown bounds and scores out of range (or missing,
    when all are needed). No side effects."""
    errors = {}
    try:
        check_markdown_fields(**comments)
    except ValidationError as error:
        errors.update(error.message_dict)
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            if all_needed:
                errors[f"criterion_{criterion.pk}"] = _("Give a score for “%(title)s”.") % {"title": criterion.title}
        elif not 0 <= score <= criterion.max_score:
            errors[f"criterion_{criterion.pk}"] = _("The score must be from 0 to %(max)s.") % {
                "max": criterion.max_score
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_save_draft(
    *,
    assignment: ReviewAssignment,
    by: User,
    scores: dict[int, int | None],
    comment_for_coordinators: str,
    comment_for_authors: str,
) -> ReviewAssignment:
    """Save a review half-way: the scores given so far (none needed) and the comments, to come back to.

    A draft is its reviewer's alone: coordinators see that one was saved, not what it says, until it is
    submitted. Writes the ReviewScore rows given (removing those left empty), the comments and draft_saved_at;
    no e-mail. Raises ValidationError when the proposal is not in review, someone else saves, the reviewer is
    no longer independent, a score is out of range, or the review was submitted already.
    """
    proposal, assignment = _locked_own(assignment, by, action=_("scored"))
    if assignment.submitted_at is not None:
        raise ValidationError(_("Your review was submitted already; change it and submit it again."))
    criteria = list(proposal.call.criteria.all())
    comments = {"comment_for_coordinators": comment_for_coordinators, "comment_for_authors": comment_for_authors}
    _check_review(criteria, scores, all_needed=False, comments=comments)
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            ReviewScore.objects.filter(assignment=assignment, criterion=criterion).delete()
        else:
            ReviewScore.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"score": score})
    assignment.comment_for_coordinators = comment_for_coordinators.strip()
    assignment.comment_for_authors = comment_for_authors.strip()
    assignment.draft_saved_at = timezone.now()
    assignment.save(
        update_fields=[
            "comment_for_coordinators",
            "comment_for_coordinators_html",
            "comment_for_authors",
            "comment_for_authors_html",
            "draft_saved_at",
        ]
    )
    return assignment


@transaction.atomic
def review_submit(
    *,
    assignment: ReviewAssignment,
    by: User,
    scores: dict[int, int],
    comment_for_coordinators: str,
    comment_for_authors: str,
) -> ReviewAssignment:
    """Save a reviewer's score for every criterion and their comments. They may change them until the decision.

    Writes a ReviewScore per criterion and the assignment's comments and submitted_at; no e-mail.
    Raises ValidationError when the proposal is not submitted or in review, someone else scores,
    the reviewer is no longer independent of the proposal, or a score is missing or out of range.
    """
    proposal, assignment = _locked_own(assignment, by, action=_("scored"))
    criteria = list(proposal.call.criteria.all())
    comments = {"comment_for_coordinators": comment_for_coordinators, "comment_for_authors": comment_for_authors}
    _check_review(criteria, scores, all_needed=True, comments=comments)
    for criterion in criteria:
        ReviewScore.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"score": scores[criterion.pk]}
        )
    assignment.comment_for_coordinators = comment_for_coordinators.strip()
    assignment.comment_for_authors = comment_for_authors.strip()
    assignment.submitted_at = timezone.now()
    assignment.save(
        update_fields=[
            "comment_for_coordinators",
            "comment_for_coordinators_html",
            "comment_for_authors",
            "comment_for_authors_html",
            "submitted_at",
        ]
    )
    return assignment
