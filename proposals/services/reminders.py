"""Reminders about proposals: drafts before a call closes, and reviews still to be done.

Each reminder has its own occasion in the delivery ledger (a call and its deadline; a reviewer and a
week), and a row is looked up by its occasion, never by the task run that claimed it: a reminder not
sent stays failed or pending in the log and is retried, never recorded as sent with another's claim.
"""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, deliver, register_kind, render_for
from members.models import User

from ..enums import ProposalStatus
from ..models import Call, Proposal, ReviewAssignment


def _resend(ids: list[int]) -> None:
    from ..tasks import proposal_reminders_task

    proposal_reminders_task.delay()  # it works out every reminder again; the due rows are taken up


CALL_CLOSING = register_kind("call_closing", label=_("Call closing soon"), resend=_resend)
REVIEW_PENDING = register_kind("review_pending", label=_("Review waiting"), resend=_resend)

CALL_CLOSING_DAYS = 3
REVIEW_FIRST_AFTER = timedelta(days=3)
REVIEW_EVERY = timedelta(days=7)
REVIEWING = [ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, ProposalStatus.RESUBMITTED]


def _message(template: str, person, context: dict):
    return render_for(person, template, context=context)


def send_call_closing_reminders(*, claim: str, now=None) -> BatchResult:
    """Tell the co-authors of drafts that their call closes within three days. Once per call and
    deadline: an extended deadline is a new occasion.

    Side effects through deliver: a Delivery row of kind call closing and one e-mail per co-author.
    """
    now = now or timezone.now()
    result = BatchResult()
    calls = Call.objects.filter(closes_at__gt=now, closes_at__lte=now + timedelta(days=CALL_CLOSING_DAYS))
    for call in calls:
        drafts = Proposal.objects.filter(call=call, status=ProposalStatus.DRAFT).prefetch_related("authors")
        drafts_of = defaultdict(list)
        for draft in drafts:
            for author in draft.authors.all():
                drafts_of[author.pk].append(draft)
        if not drafts_of:
            continue
        authors = User.objects.filter(pk__in=drafts_of, is_active=True)
        part = deliver(
            recipients=authors,
            occasion=f"call:{call.pk}:closing:{call.closes_at:%Y%m%dT%H%M%SZ}",
            kind=CALL_CLOSING,
            topic=("proposals.call", call.pk),
            claim=claim,
            build=lambda person, call=call, drafts_of=drafts_of: _message(
                "call_closing", person, {"call": call, "drafts": drafts_of[person.pk]}
            ),
        )
        result.add(part)
    return result


def send_review_reminders(*, claim: str, now=None) -> BatchResult:
    """Remind reviewers of reviews not yet scored: three days after assignment, then weekly.

    Side effects through deliver: a Delivery row of kind review pending and one e-mail per reviewer.
    """
    now = now or timezone.now()
    open_reviews = ReviewAssignment.objects.filter(
        submitted_at__isnull=True, proposal__status__in=REVIEWING, assigned_at__lte=now - REVIEW_FIRST_AFTER
    ).select_related("proposal", "reviewer")
    by_reviewer = defaultdict(list)
    for assignment in open_reviews:
        by_reviewer[assignment.reviewer_id].append(assignment)
    if not by_reviewer:
        return BatchResult()

    def occasion(person):
        # One reminder per reviewer and week, counted from their oldest open review.
        oldest = min(assignment.assigned_at for assignment in by_reviewer[person.pk])
        week = (now - oldest - REVIEW_FIRST_AFTER) // REVIEW_EVERY
        return f"reviews:{oldest:%Y%m%dT%H%M%S}:week-{week}"

    return deliver(
        recipients=User.objects.filter(pk__in=by_reviewer, is_active=True),
        occasion=occasion,
        kind=REVIEW_PENDING,
        claim=claim,
        build=lambda person: _message("review_pending", person, {"assignments": by_reviewer[person.pk]}),
    )
