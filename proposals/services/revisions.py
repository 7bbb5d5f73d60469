"""Budget revisions after approval: co-authors ask to move money from one line to another (or to a new line),
a coordinator approves or refuses; an approved revision becomes the working budget, the baseline stays.

One request waits at a time per proposal; a request whose figures no longer hold (another revision was
approved, or spending accepted since leaves the line too little) cannot be approved: it is refused clearly.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from members.models import User

from ..domain.money import ZERO, format_money, quantize
from ..enums import SPENDING, BudgetCategory, ExpenseCheck, RevisionStatus
from ..models import BaselineLine, BudgetRevision, BudgetRevisionLine, Expense, Proposal
from .drafting import lock_proposal, require_author
from .notify import absolute, authors_to_tell, coordinators, mail_after_commit
from .workflow import require_status

MOST = Decimal("999999999999.99")


@dataclass
class NewLine:
    category: str
    description: str


def _accepted_on(line: BaselineLine) -> Decimal:
    total = Expense.objects.filter(line=line, voided_at__isnull=True, check_status=ExpenseCheck.ACCEPTED).aggregate(
        total=Sum("amount_in_call_currency")
    )["total"]
    return quantize(total or ZERO)


def _pending(proposal: Proposal) -> BudgetRevision | None:
    return proposal.budget_revisions.filter(status=RevisionStatus.PENDING).select_related("requested_by").first()


def _require_none_pending(proposal: Proposal) -> None:
    pending = _pending(proposal)
    if pending is not None:
        raise ValidationError(
            _(
                "%(name)s asked for a budget revision on %(date)s, which waits for a coordinator's decision. "
                "Wait for the decision, or withdraw that request, before asking for another."
            )
            % {
                "name": pending.requested_by.name if pending.requested_by else "—",
                "date": formats.date_format(timezone.localtime(pending.requested_at), "j F Y"),
            },
            code="pending",
        )


def _tell_coordinators_requested(proposal: Proposal, revision: BudgetRevision, by: User) -> None:
    mail_after_commit(
        coordinators(),
        template="budget_revision_requested",
        context={
            "proposal": proposal,
            "community": str(proposal.community),
            "requested_by": by.name,
            "reason": revision.reason,
            "revision_url": absolute(revision.get_absolute_url()),
        },
    )


def _tell_authors_decided(proposal: Proposal, revision: BudgetRevision, by: User) -> None:
    mail_after_commit(
        authors_to_tell(proposal),
        template="budget_revision_decided",
        context={
            "proposal": proposal,
            "status": revision.status,
            "decided_by": by.name,
            "reason": revision.decision_reason,
            "revision_url": absolute(revision.get_absolute_url()),
        },
    )


def _working_total(proposal: Proposal) -> Decimal:
    return quantize(sum((line.working_amount for line in proposal.baseline_lines.all()), ZERO))


@transaction.atomic
def budget_revision_request(
    *,
    proposal: Proposal,
    by: User,
    from_line: BaselineLine | None,
    to_line: BaselineLine | None,
    new_line: NewLine | None = None,
    amount: Decimal,
    reason: str,
) -> BudgetRevision:
    """Ask to move `amount` from one approved line to another or to a new line; without from_line, the total
    grows by it (within the call's ceiling).

    Writes a pending BudgetRevision and a BudgetRevisionLine per line it changes; after commit, an e-mail to
    the coordinators with a link to decide on it. Raises
    ValidationError when `by` is not a co-author, the proposal does not take expenses, a request already
    waits, a line is not the proposal's, the amount is not above zero or more than the line holds beyond
    its accepted spending, the new total passes the ceiling, or there is no reason.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=SPENDING, action=_("given budget revisions"))
    require_author(proposal, by)
    _require_none_pending(proposal)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Say why the budget should change; the coordinator decides on it.")
    if amount is None or amount <= 0:
        errors["amount"] = _("The amount to move must be more than zero.")
    elif amount > MOST:
        errors["amount"] = _("This amount is too large.")
    for field, line in (("from_line", from_line), ("to_line", to_line)):
        if line is not None and line.proposal_id != proposal.pk:
            errors[field] = _("Choose one of this proposal's approved budget lines.")
    if to_line is None and new_line is None:
        errors["to_line"] = _("Choose the line that receives the money, or describe a new line.")
    if new_line is not None:
        if new_line.category not in BudgetCategory.values:
            errors["new_category"] = _("Choose a category from the list.")
        if not new_line.description.strip():
            errors["new_description"] = _("Describe the new line.")
    if from_line is not None and to_line is not None and from_line.pk == to_line.pk:
        errors["to_line"] = _("Choose two different lines: money moves from one to another.")
    if errors:
        raise ValidationError(errors)
    amount = quantize(amount)
    changes = []
    if from_line is not None:
        from_line = BaselineLine.objects.get(pk=from_line.pk)
        spent = _accepted_on(from_line)
        free = quantize(from_line.working_amount - spent)
        if amount > free:
            raise ValidationError(
                {
                    "amount": _(
                        "“%(line)s” holds %(holds)s, of which %(spent)s is spent: you can move at most %(free)s from it."
                    )
                    % {
                        "line": from_line.description,
                        "holds": format_money(from_line.working_amount, proposal.call.currency),
                        "spent": format_money(spent, proposal.call.currency),
                        "free": format_money(max(free, ZERO), proposal.call.currency),
                    }
                }
            )
        changes.append((from_line, from_line.category, from_line.description, from_line.working_amount, -amount))
    else:
        total_after = _working_total(proposal) + amount
        ceiling = proposal.call.budget_ceiling
        if total_after > ceiling:
            raise ValidationError(
                {
                    "amount": _(
                        "The budget would grow to %(total)s, over the call's ceiling of %(ceiling)s. "
                        "Move money from another line instead."
                    )
                    % {
                        "total": format_money(total_after, proposal.call.currency),
                        "ceiling": format_money(ceiling, proposal.call.currency),
                    }
                }
            )
    if to_line is not None:
        to_line = BaselineLine.objects.get(pk=to_line.pk)
        changes.append((to_line, to_line.category, to_line.description, to_line.working_amount, amount))
    else:
        changes.append((None, new_line.category, new_line.description.strip(), ZERO, amount))
    revision = BudgetRevision.objects.create(
        proposal=proposal, based_on=proposal.budget_revision, reason=reason, requested_by=by
    )
    BudgetRevisionLine.objects.bulk_create(
        [
            BudgetRevisionLine(
                revision=revision,
                line=line,
                category=category,
                description=description,
                amount_before=before,
                amount_after=quantize(before + change),
            )
            for line, category, description, before, change in changes
        ]
    )
    _tell_coordinators_requested(proposal, revision, by)
    return revision


def _locked_pending(revision: BudgetRevision) -> tuple[Proposal, BudgetRevision]:
    proposal = lock_proposal(revision.proposal)
    revision = BudgetRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(
            _("This request was %(status)s already.") % {"status": revision.get_status_display().lower()},
            code="decided",
        )
    return proposal, revision


def stale_reasons(revision: BudgetRevision, proposal: Proposal) -> list[str]:
    """Why the request's figures no longer hold, each in words a coordinator can act on. Reads only."""
    if revision.based_on != proposal.budget_revision:
        return [_("Another budget revision was approved after this request was made.")]
    reasons = []
    for change in revision.changes.select_related("line"):
        line = change.line
        if line is None:
            continue
        if line.working_amount != change.amount_before:
            reasons.append(_("“%(line)s” has changed since the request.") % {"line": line.description})
        elif change.amount_after < _accepted_on(line):
            reasons.append(
                _("“%(line)s” has more accepted spending now than the request leaves it.") % {"line": line.description}
            )
    return reasons


@transaction.atomic
def budget_revision_approve(*, revision: BudgetRevision, by: User, reason: str = "") -> BudgetRevision:
    """A coordinator approves a pending request: its amounts become the lines' working amounts (the baseline
    stays), a new line is added, and the working budget's number goes up by one.

    Writes the BaselineLine rows, the proposal's budget_revision and the revision; after commit, an e-mail to
    the co-authors still active in the proposing community. Raises
    ValidationError when `by` is not a coordinator, the request was decided already, or its figures no
    longer hold (stale: refuse it, and the co-authors ask again).
    """
    if not by.is_coordinator:
        raise ValidationError(_("Only a coordinator can decide on a budget revision."), code="not_coordinator")
    proposal, revision = _locked_pending(revision)
    require_status(proposal, allowed=SPENDING, action=_("given budget revisions"))
    stale = stale_reasons(revision, proposal)
    if stale:
        raise ValidationError(
            [
                *stale,
                _(
                    "The request no longer fits the budget: refuse it with this reason, and the co-authors can ask again."
                ),
            ],
            code="stale",
        )
    position = proposal.baseline_lines.aggregate(last=Max("position"))["last"] or 0
    for change in revision.changes.select_related("line"):
        if change.line is not None:
            change.line.revised_amount = change.amount_after
            change.line.save(update_fields=["revised_amount"])
        else:
            position += 1
            change.line = BaselineLine.objects.create(
                proposal=proposal,
                position=position,
                category=change.category,
                description=change.description,
                unit="—",
                quantity=Decimal(1),
                unit_cost=change.amount_after,
                currency=proposal.call.currency,
                rate=Decimal(1),
                approved_amount=ZERO,
                revised_amount=change.amount_after,
                added_by=revision,
            )
            change.save(update_fields=["line"])
    proposal.budget_revision += 1
    proposal.save(update_fields=["budget_revision"])
    revision.status = RevisionStatus.APPROVED
    revision.number = proposal.budget_revision
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.decision_reason = (reason or "").strip()
    revision.save(update_fields=["status", "number", "decided_by", "decided_at", "decision_reason"])
    _tell_authors_decided(proposal, revision, by)
    return revision


@transaction.atomic
def budget_revision_refuse(*, revision: BudgetRevision, by: User, reason: str) -> BudgetRevision:
    """A coordinator refuses a pending request, saying why; the working budget stays as it was.

    Writes the revision; after commit, an e-mail with the reason to the co-authors still active in the
    proposing community. Raises ValidationError when `by` is not a coordinator, the request was decided
    already or there is no reason.
    """
    if not by.is_coordinator:
        raise ValidationError(_("Only a coordinator can decide on a budget revision."), code="not_coordinator")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is refused; the co-authors read it.")})
    proposal, revision = _locked_pending(revision)
    revision.status = RevisionStatus.REFUSED
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.decision_reason = reason
    revision.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    _tell_authors_decided(proposal, revision, by)
    return revision


@transaction.atomic
def budget_revision_withdraw(*, revision: BudgetRevision, by: User) -> BudgetRevision:
    """The co-authors take back a request still waiting, to ask for another.

    Writes the revision; no e-mail. Raises ValidationError when `by` is not a co-author or it was decided.
    """
    proposal, revision = _locked_pending(revision)
    require_author(proposal, by)
    revision.status = RevisionStatus.WITHDRAWN
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "decided_by", "decided_at"])
    return revision
