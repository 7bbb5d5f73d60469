"""The proposal's workflow: one service per step, each refusing a wrong step with a clear message.

draft → submitted → under review → revisions requested → resubmitted → approved or rejected
→ in implementation → completed; an author may withdraw before a decision.

The authors' steps (submit, resubmit, withdraw, start) refuse anyone who is not a co-author still active
in the proposing community (require_author); starting a project is open to coordinators too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.language import QuotingUserText
from common.markup import check_markdown_fields
from common.validators import MESSAGE_MAX_LENGTH, validate_text
from members.models import User

from ..domain.budget import summarise
from ..enums import DECIDABLE, WITHDRAWABLE, ProposalStatus, ReportKind, VersionKind
from ..models import BaselineLine, Proposal, StatusChange
from ..selectors import unanswered_count
from .drafting import lock_proposal, record_version, require_author
from .notify import absolute, coordinators, mail_after_commit
from .schedule import report_schedule_create


def _move(proposal: Proposal, *, to: str, by: User, message: str = "") -> Proposal:
    validate_text(message, field="message", max_length=MESSAGE_MAX_LENGTH)
    check_markdown_fields(message=message)
    StatusChange.objects.create(
        proposal=proposal, from_status=proposal.status, to_status=to, message=message.strip(), by=by
    )
    proposal.status = to
    proposal.save(update_fields=["status", "submitted_at", "decided_at", "updated_at"])
    return proposal


def require_status(proposal: Proposal, *, allowed, action: str) -> None:
    """Raise when the proposal's status does not allow the step: say what it is and what the step needs.

    Raises ValidationError with code "wrong_status". No side effects.
    """
    if proposal.status in allowed:
        return
    labels = dict(ProposalStatus.choices)
    raise ValidationError(
        _("This proposal is %(status)s; it can be %(action)s only when it is %(allowed)s.")
        % {
            "status": proposal.get_status_display().lower(),
            "action": action,
            "allowed": _(" or ").join(str(labels[s]).lower() for s in ProposalStatus.values if s in allowed),
        },
        code="wrong_status",
    )


def _budget(proposal: Proposal):
    return summarise(
        lines=proposal.budget_lines.select_related("activity"),
        rates={rate.currency: rate.rate for rate in proposal.exchange_rates.all()},
        currency=proposal.call.currency,
        ceiling=proposal.call.budget_ceiling,
    )


def readiness_problems(proposal: Proposal, budget) -> list[str]:
    """Everything that stops the proposal from being submitted, each a sentence the authors can act on.

    Reads sections and activities through .all(), so a page that prefetched them asks nothing more.
    No side effects.
    """
    problems = []
    if not proposal.summary.strip():
        problems.append(_("Write the summary."))
    for section in proposal.call.sections.all():
        if not proposal.section_answers.get(str(section.pk), "").strip():
            problems.append(QuotingUserText(_("Answer the call's section “%(heading)s”."), heading=section.heading))
    if not proposal.activities.all():
        problems.append(_("Add at least one key activity."))
    if proposal.status == ProposalStatus.REVISIONS_REQUESTED:
        unanswered = unanswered_count(proposal)
        if unanswered:
            problems.append(
                ngettext(
                    "Answer the reviewer's comments: %(count)s is not answered yet.",
                    "Answer the reviewers' comments: %(count)s are not answered yet.",
                    unanswered,
                )
                % {"count": unanswered}
            )
    return problems + budget.problems()


def _check_ready(proposal: Proposal) -> None:
    problems = readiness_problems(proposal, _budget(proposal))
    if problems:
        raise ValidationError(problems, code="not_ready")


def _tell_coordinators_submitted(proposal: Proposal, *, resubmitted: bool) -> None:
    mail_after_commit(
        coordinators(),
        template="proposal_submitted",
        context={
            "proposal": proposal,
            "community": str(proposal.community),
            "resubmitted": resubmitted,
            "proposal_url": absolute(proposal.get_absolute_url()),
        },
    )


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by: User) -> Proposal:
    """Submit a draft while the call is open. The proposal as submitted is frozen as a version.

    Writes the status with a StatusChange, submitted_at and a ProposalVersion; after commit, an e-mail to the
    coordinators. Raises ValidationError when it is not a draft, the call is not open, or it is not ready.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.DRAFT}, action=_("submitted"))
    require_author(proposal, by)
    call, now = proposal.call, timezone.now()
    if now < call.opens_at:
        raise ValidationError(
            _("The call opens on %(date)s; submit then.")
            % {"date": formats.date_format(timezone.localtime(call.opens_at), "j F Y, H:i T")}
        )
    if now >= call.closes_at:
        raise ValidationError(
            _("The call closed on %(date)s. Only a coordinator can extend the deadline.")
            % {"date": formats.date_format(timezone.localtime(call.closes_at), "j F Y, H:i T")},
            code="closed",
        )
    _check_ready(proposal)
    proposal.submitted_at = now
    _move(proposal, to=ProposalStatus.SUBMITTED, by=by)
    record_version(proposal, by=by, kind=VersionKind.SUBMITTED)
    _tell_coordinators_submitted(proposal, resubmitted=False)
    return proposal


@transaction.atomic
def proposal_resubmit(*, proposal: Proposal, by: User) -> Proposal:
    """Send a revised proposal back to the coordinators; the revision is frozen as a version.

    The call's deadline does not apply: the coordinators asked for the revision. Writes the status with a
    StatusChange, submitted_at and a ProposalVersion; after commit, an e-mail to the coordinators.
    Raises ValidationError when revisions were not requested or it is not ready, which includes a reviewer's
    comment left unanswered.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.REVISIONS_REQUESTED}, action=_("resubmitted"))
    require_author(proposal, by)
    _check_ready(proposal)
    proposal.submitted_at = timezone.now()
    _move(proposal, to=ProposalStatus.RESUBMITTED, by=by)
    record_version(proposal, by=by, kind=VersionKind.RESUBMITTED)
    _tell_coordinators_submitted(proposal, resubmitted=True)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: User, message: str = "") -> Proposal:
    """The authors take the proposal back before a decision.

    Writes the status with a StatusChange; no e-mail. Raises ValidationError after a decision.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=WITHDRAWABLE, action=_("withdrawn"))
    require_author(proposal, by)
    return _move(proposal, to=ProposalStatus.WITHDRAWN, by=by, message=message)


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, by: User) -> Proposal:
    """A submitted or resubmitted proposal goes to its reviewers.

    Writes the status with a StatusChange; no e-mail. Raises ValidationError on any other status.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.SUBMITTED, ProposalStatus.RESUBMITTED}, action=_("sent to review"))
    return _move(proposal, to=ProposalStatus.UNDER_REVIEW, by=by)


def _decide(proposal: Proposal, *, to: str, by: User, message: str, action: str) -> Proposal:
    require_status(proposal, allowed=DECIDABLE, action=action)
    if not message.strip():
        raise ValidationError({"message": _("Write a message to the authors: they read it with the decision.")})
    proposal.decided_at = timezone.now()
    _move(proposal, to=to, by=by, message=message)
    mail_after_commit(
        proposal.authors.all(),
        template="proposal_decided",
        context={
            "proposal": proposal,
            "status": to,
            "status_label": proposal.get_status_display(),
            "message": message.strip(),
            "decided_by": by.name,
            "proposal_url": absolute(proposal.get_absolute_url()),
        },
    )
    return proposal


@transaction.atomic
def proposal_request_revisions(*, proposal: Proposal, by: User, message: str) -> Proposal:
    """Send the proposal back to its authors with what to change.

    Writes the status with a StatusChange and decided_at; after commit, an e-mail to the co-authors.
    Raises ValidationError when it cannot be decided now or the message is empty.
    """
    proposal = lock_proposal(proposal)
    return _decide(
        proposal, to=ProposalStatus.REVISIONS_REQUESTED, by=by, message=message, action=_("sent back for revisions")
    )


@transaction.atomic
def proposal_reject(*, proposal: Proposal, by: User, message: str) -> Proposal:
    """Turn the proposal down.

    Writes the status with a StatusChange and decided_at; after commit, an e-mail to the co-authors.
    Raises ValidationError when it cannot be decided now or the message is empty.
    """
    proposal = lock_proposal(proposal)
    return _decide(proposal, to=ProposalStatus.REJECTED, by=by, message=message, action=_("rejected"))


@transaction.atomic
def proposal_approve(*, proposal: Proposal, by: User, message: str) -> Proposal:
    """Fund the proposal. Its budget, converted at the rates of the day, becomes the frozen baseline
    that spending is measured against.

    Replaces the BaselineLine rows, lays out the reports due by the call's schedule (ReportDue), writes the status with a StatusChange and decided_at; after commit, an
    e-mail to the co-authors. Raises ValidationError when it cannot be decided now, the budget has problems
    or the message is empty.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=DECIDABLE, action=_("approved"))
    budget = _budget(proposal)
    if budget.problems():
        raise ValidationError(budget.problems())
    BaselineLine.objects.filter(proposal=proposal).delete()
    BaselineLine.objects.bulk_create(
        [
            BaselineLine(
                proposal=proposal,
                position=position,
                category=amounts.line.category,
                activity_title=amounts.line.activity.title if amounts.line.activity else "",
                description=amounts.line.description,
                unit=amounts.line.unit,
                quantity=amounts.line.quantity,
                unit_cost=amounts.line.unit_cost,
                currency=amounts.line.currency,
                rate=amounts.rate,
                co_funding=amounts.line.co_funding,
                co_funding_source=amounts.line.co_funding_source,
                approved_amount=amounts.in_call_currency.requested,
            )
            for position, amounts in enumerate(budget.lines, start=1)
        ]
    )
    decided = _decide(proposal, to=ProposalStatus.APPROVED, by=by, message=message, action=_("approved"))
    report_schedule_create(proposal=decided)
    return decided


@transaction.atomic
def proposal_start_implementation(*, proposal: Proposal, by: User) -> Proposal:
    """An approved proposal's project starts.

    Writes the status with a StatusChange; no e-mail. Raises ValidationError when it is not approved.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.APPROVED}, action=_("started"))
    require_author(proposal, by, or_coordinator=True)
    return _move(proposal, to=ProposalStatus.IN_IMPLEMENTATION, by=by)


@transaction.atomic
def proposal_complete(*, proposal: Proposal, by: User, message: str = "") -> Proposal:
    """Close the project once its final report is in.

    Writes the status with a StatusChange; no e-mail. Raises ValidationError when it is not in
    implementation or the final report is missing.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.IN_IMPLEMENTATION}, action=_("completed"))
    if not proposal.reports.filter(kind=ReportKind.FINAL).exists():
        raise ValidationError(_("The final report is not in yet; the project can be completed after it."))
    return _move(proposal, to=ProposalStatus.COMPLETED, by=by, message=message)
