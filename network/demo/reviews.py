"""The demo reviews: a reviewer assigned by the coordinator, and their scores when they gave them."""

from members.models import User
from proposals import selectors, services
from proposals.models import Proposal, ReviewAssignment
from proposals.services.answers import AnswerInput

from .dates import at, day


def add_review(proposal: Proposal, reviewer: User, coordinator: User, *, assigned: int, scores=None, **comments):
    """Assign the reviewer through the review service and, given `scores` (one per criterion, in order),
    score as the reviewer four days later. Side effect of the service: the reviewer's e-mail, on commit."""
    assignment = services.review_assign(proposal=proposal, reviewer=reviewer, by=coordinator)
    submitted = None
    if scores:
        criteria = proposal.call.criteria.order_by("position")
        services.review_submit(
            assignment=assignment,
            by=reviewer,
            scores={criterion.pk: score for criterion, score in zip(criteria, scores, strict=True)},
            comment_for_coordinators=comments.get("for_coordinators", ""),
            comment_for_authors=comments.get("for_authors", ""),
        )
        submitted = at(assigned + 4)
    ReviewAssignment.objects.filter(pk=assignment.pk).update(
        assigned_at=at(assigned),
        submitted_at=submitted,
        due_on=day(assigned + proposal.call.review_days),
    )
    return assignment


def save_review_draft(assignment: ReviewAssignment, *, scores: list, for_authors: str, saved: int) -> None:
    """The reviewer's half-done review: the first scores (one per criterion in order, the rest empty)
    and a comment, saved through the review service as a draft; then dated back."""
    criteria = list(assignment.proposal.call.criteria.order_by("position"))
    services.review_save_draft(
        assignment=assignment,
        by=assignment.reviewer,
        scores={criterion.pk: score for criterion, score in zip(criteria, scores, strict=False)},
        comment_for_coordinators="",
        comment_for_authors=for_authors,
    )
    ReviewAssignment.objects.filter(pk=assignment.pk).update(draft_saved_at=at(saved, 20))


def answer_reviewers(proposal: Proposal, *, by: User, notes: list[str]) -> None:
    """Answer each reviewer's comment of the latest request for revisions as addressed, with its note
    (in the reviewers' order), through the answers service. No e-mail."""
    assignments = selectors.comments_to_answer(proposal)
    services.review_answers_save(
        proposal=proposal,
        by=by,
        answers={
            assignment.pk: AnswerInput(addressed=True, note=note, revision=0)
            for assignment, note in zip(assignments, notes, strict=True)
        },
    )
