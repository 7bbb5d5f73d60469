"""Reminders about proposals: drafts before a call closes, reviews still to be done (weekly, or before and
after their due date), and reports before and on their due date.

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

from ..enums import SPENDING, ProposalStatus
from ..models import Call, Proposal, ReportDue, ReviewAssignment
from .notify import authors_to_tell


def _resend(ids: list[int]) -> None:
    from ..tasks import proposal_reminders_task

    proposal_reminders_task.delay()  # it works out every reminder again; the due rows are taken up


CALL_CLOSING = register_kind("call_closing", label=_("Call closing soon"), resend=_resend)
REVIEW_PENDING = register_kind("review_pending", label=_("Review waiting"), resend=_resend)
REVIEW_DUE = register_kind("review_due", label=_("Review due"), resend=_resend)
REPORT_DUE = register_kind("report_due", label=_("Report due"), resend=_resend)

REVIEW_DUE_SOON = timedelta(days=2)
REPORT_DUE_SOON = timedelta(days=7)

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
    # Reviews with a due date are reminded of it instead (send_review_due_reminders).
    open_reviews = ReviewAssignment.objects.filter(
        submitted_at__isnull=True,
        due_on__isnull=True,
        proposal__status__in=REVIEWING,
        assigned_at__lte=now - REVIEW_FIRST_AFTER,
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


def send_review_due_reminders(*, claim: str, now=None) -> BatchResult:
    """Remind each reviewer of a review not yet submitted two days before its due date, and once it is late.

    One e-mail per assignment and occasion (before, late) and due date: a new due date is a new occasion.
    Side effects through deliver: a Delivery row of kind review due and the e-mail.
    """
    today = timezone.localdate(now or timezone.now())
    due = ReviewAssignment.objects.filter(
        submitted_at__isnull=True,
        due_on__isnull=False,
        due_on__lte=today + REVIEW_DUE_SOON,
        proposal__status__in=REVIEWING,
        reviewer__is_active=True,
    ).select_related("proposal", "reviewer")
    result = BatchResult()
    for assignment in due:
        moment = "late" if assignment.due_on < today else "before"
        part = deliver(
            recipients=[assignment.reviewer],
            occasion=f"review:{assignment.pk}:due:{assignment.due_on:%Y%m%d}:{moment}",
            kind=REVIEW_DUE,
            topic=("proposals.proposal", assignment.proposal_id),
            claim=claim,
            build=lambda person, assignment=assignment, moment=moment: _message(
                "review_due", person, {"assignment": assignment, "late": moment == "late"}
            ),
        )
        result.add(part)
    return result


def send_report_reminders(*, claim: str, now=None) -> BatchResult:
    """Remind the co-authors of a funded project of a report a week before it is due and on the day it is due
    (or the first run after), while it is not sent.

    One e-mail per co-author, report and occasion (before, due). Co-authors who left the proposing community
    are not reminded. Side effects through deliver: a Delivery row of kind report due and the e-mails.
    """
    today = timezone.localdate(now or timezone.now())
    dues = (
        ReportDue.objects.filter(
            report__isnull=True, due_on__lte=today + REPORT_DUE_SOON, proposal__status__in=SPENDING
        )
        .select_related("proposal", "proposal__community")
        .order_by("due_on", "pk")
    )
    result = BatchResult()
    for due in dues:
        moment = "due" if due.due_on <= today else "before"
        part = deliver(
            recipients=authors_to_tell(due.proposal),
            occasion=f"report-due:{due.pk}:{due.due_on:%Y%m%d}:{moment}",
            kind=REPORT_DUE,
            topic=("proposals.proposal", due.proposal_id),
            claim=claim,
            build=lambda person, due=due, moment=moment: _message(
                "report_due", person, {"due": due, "proposal": due.proposal, "today": moment == "due"}
            ),
        )
        result.add(part)
    return result
