"""A coordinator's check of each expense: accepted, queried with a question the co-authors answer, or rejected.

Only accepted expenses count as spent; an accepted expense is no longer corrected, only voided by a coordinator.
Every step is kept in the expense's history (ExpenseChange) with its note.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from ..enums import SPENDING, ExpenseChangeKind, ExpenseCheck
from ..models import Expense, ExpenseChange, Proposal
from .drafting import lock_proposal, require_author
from .notify import absolute, authors_to_tell, coordinators, mail_after_commit
from .workflow import require_status

CHECKS = {
    ExpenseCheck.ACCEPTED: ExpenseChangeKind.ACCEPTED,
    ExpenseCheck.QUERIED: ExpenseChangeKind.QUERIED,
    ExpenseCheck.REJECTED: ExpenseChangeKind.REJECTED,
}


def _locked(expense: Expense) -> tuple[Proposal, Expense]:
    proposal = lock_proposal(expense.proposal)
    require_status(proposal, allowed=SPENDING, action=_("given expenses"))
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if expense.is_void:
        raise ValidationError(_("This expense was voided; it can no longer be checked."))
    return proposal, expense


def _tell_authors_checked(proposal: Proposal, expense: Expense, by: User) -> None:
    if expense.check_status == ExpenseCheck.QUERIED:
        url = reverse("proposals:expense_answer", args=[proposal.pk, expense.pk])
    else:
        url = reverse("proposals:expense_list", args=[proposal.pk])
    mail_after_commit(
        authors_to_tell(proposal),
        template="expense_checked",
        context={
            "proposal": proposal,
            "expense": expense,
            "status": expense.check_status,
            "checked_by": by.name,
            "note": expense.check_note,
            "url": absolute(url),
        },
    )


def _tell_coordinators_answered(proposal: Proposal, expense: Expense, by: User, answer: str) -> None:
    mail_after_commit(
        coordinators(),
        template="expense_answered",
        context={
            "proposal": proposal,
            "expense": expense,
            "community": str(proposal.community),
            "answered_by": by.name,
            "answer": answer,
            "url": absolute(reverse("proposals:expense_check", args=[proposal.pk, expense.pk])),
        },
    )


@transaction.atomic
def expense_check(*, expense: Expense, by: User, outcome: str, note: str = "") -> Expense:
    """A coordinator accepts, queries (note: the question) or rejects (note: the reason) an expense.

    Writes the Expense's check and an ExpenseChange with the note; after commit, a query or a rejection is
    e-mailed with its note to the co-authors still active in the proposing community (an acceptance is not).
    Raises ValidationError when
    `by` is not a coordinator, the proposal no longer takes expenses, the expense is void or already has that
    outcome, an accepted expense would be checked again, or a query or rejection has no note.
    """
    if not by.is_coordinator:
        raise ValidationError(_("Only a coordinator can check expenses."), code="not_coordinator")
    if outcome not in CHECKS:
        raise ValidationError({"outcome": _("Choose accept, query or reject.")})
    note = (note or "").strip()
    if outcome == ExpenseCheck.QUERIED and not note:
        raise ValidationError({"note": _("Write the question the co-authors should answer.")})
    if outcome == ExpenseCheck.REJECTED and not note:
        raise ValidationError({"note": _("Say why the expense is rejected.")})
    proposal, expense = _locked(expense)
    if expense.check_status == ExpenseCheck.ACCEPTED:
        raise ValidationError(_("This expense was accepted already; void it with a reason to take it back."))
    if expense.check_status == outcome:
        raise ValidationError(
            _("This expense is %(check)s already.") % {"check": expense.get_check_status_display().lower()}
        )
    expense.check_status = outcome
    expense.check_note = note
    expense.checked_by = by
    expense.checked_at = timezone.now()
    expense.save(update_fields=["check_status", "check_note", "checked_by", "checked_at"])
    ExpenseChange.objects.create(expense=expense, kind=CHECKS[outcome], reason=note or "—", changed_by=by)
    if outcome != ExpenseCheck.ACCEPTED:
        _tell_authors_checked(proposal, expense, by)
    return expense


@transaction.atomic
def expense_answer(*, expense: Expense, by: User, answer: str) -> Expense:
    """A co-author answers a coordinator's question about an expense; it waits for the check again.

    Writes the Expense (back to not checked) and an ExpenseChange with the answer; after commit, an e-mail
    with the answer to the coordinators, linking to the check. Raises
    ValidationError when `by` is not a co-author, the expense is not queried, or the answer is empty.
    """
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write your answer to the question.")})
    proposal, expense = _locked(expense)
    require_author(proposal, by)
    if expense.check_status != ExpenseCheck.QUERIED:
        raise ValidationError(_("There is no open question about this expense."))
    expense.check_status = ExpenseCheck.CLAIMED
    expense.save(update_fields=["check_status"])
    ExpenseChange.objects.create(expense=expense, kind=ExpenseChangeKind.ANSWERED, reason=answer, changed_by=by)
    _tell_coordinators_answered(proposal, expense, by, answer)
    return expense
