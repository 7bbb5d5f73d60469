"""The demo reviews: a reviewer assigned by the coordinator, and their scores when they gave them."""

from members.models import User
from proposals import selectors, services
from proposals.models import Proposal, ReviewAssignment
from proposals.services.answers import AnswerInput

from .dates import at


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
    ReviewAssignment.objects.filter(pk=assignment.pk).update(assigned_at=at(assigned), submitted_at=submitted)
    return assignment


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
