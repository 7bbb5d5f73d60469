"""The demo reviews: a reviewer assigned by the coordinator, and their scores when they gave them."""

from members.models import User
from proposals import services
from proposals.models import Proposal, ReviewAssignment

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
