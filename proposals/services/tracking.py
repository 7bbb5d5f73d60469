"""After approval: spending recorded against the approved lines, and the community's reports.

Expenses and reports are refused (require_author) unless `by` is a co-author still active in the proposing
community (or, for expenses, a coordinator), so rights follow membership even for a form opened before.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields
from common.validators import DAY
from members.models import User

from ..domain.money import convert, quantize
from ..enums import SPENDING, ActivityStatus, ExpenseChangeKind, ExpenseCheck, ReportKind
from ..models import ActivityProgress, BaselineLine, Expense, ExpenseChange, ProgressReport, Proposal, ReportPhoto
from ..validators import validate_photo, validate_receipt
from .budgets import check_amount_fits, check_currency, check_rate_bounds
from .drafting import lock_proposal, require_author
from .schedule import report_due_fill
from .workflow import require_status


@transaction.atomic
def expense_record(
    *,
    proposal: Proposal,
    line: BaselineLine,
    by: User,
    spent_on: datetime.date,
    amount: Decimal,
    currency: str,
    rate: Decimal | None,
    description: str,
    receipt=None,
) -> Expense:
    """Record money spent against an approved line, converted to the call's currency at the given rate.

    Spending more than approved is allowed (the pages warn about it); a wrong amount, currency or rate is not.
    Writes one Expense (and stores its receipt); no e-mail. Raises ValidationError when the proposal is
    not approved or in implementation, a value is wrong, or the receipt is refused.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=SPENDING, action=_("given expenses"))
    require_author(proposal, by, or_coordinator=True)
    rate = _checked_rate(
        proposal, line=line, spent_on=spent_on, amount=amount, currency=currency, rate=rate, description=description
    )
    if receipt:
        validate_receipt(receipt)
    expense = Expense(
        proposal=proposal,
        line=line,
        spent_on=spent_on,
        amount=amount,
        currency=currency,
        rate=rate,
        amount_in_call_currency=convert(amount, rate),
        description=description.strip(),
        recorded_by=by,
    )
    if receipt:
        expense.receipt = receipt
    try:
        expense.save()
    except Exception:
        # The receipt was written to storage before the row was refused: leave no file without its expense.
        if expense.receipt and expense.receipt.name:
            expense.receipt.storage.delete(expense.receipt.name)
        raise
    return expense


def expense_earliest(proposal: Proposal) -> datetime.date | None:
    """The first day an expense of the proposal may be dated: the day it was approved, by the network's clock
    or by UTC, whichever is earlier (so that a day is never refused for the time zone it was typed in).
    No side effects."""
    if proposal.decided_at is None:
        return None
    return min(timezone.localdate(proposal.decided_at), proposal.decided_at.astimezone(datetime.UTC).date())


def _checked_rate(
    proposal: Proposal, *, line: BaselineLine, spent_on, amount, currency: str, rate, description: str
) -> Decimal:
    """Check an expense's values: a day from approval to today, an amount and rate within the money columns'
    bounds; return the rate to convert it at (1 in the call's currency).

    Raises ValidationError naming each wrong value. No side effects.
    """
    errors = {}
    if line.proposal_id != proposal.pk:
        errors["line"] = _("Choose one of this proposal's approved budget lines.")
    if amount is None or amount <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    if spent_on and spent_on > timezone.localdate():
        errors["spent_on"] = _("The date cannot be in the future.")
    elif spent_on and proposal.decided_at and spent_on < expense_earliest(proposal):
        errors["spent_on"] = _("The project was approved on %(day)s; an expense cannot be dated before that.") % {
            "day": date_format(expense_earliest(proposal), DAY)
        }
    if not (description or "").strip():
        errors["description"] = _("Say what the money was spent on.")
    if errors:
        raise ValidationError(errors)
    check_currency(currency)
    call_currency = proposal.call.currency
    if currency == call_currency:
        rate = Decimal(1)
    elif rate is None:
        raise ValidationError(
            {
                "rate": _("Enter the exchange rate of the day: how many %(currency)s made 1 %(call)s.")
                % {"currency": currency, "call": call_currency}
            }
        )
    elif rate <= 0:
        raise ValidationError({"rate": _("The exchange rate must be more than zero.")})
    check_rate_bounds(rate)
    check_amount_fits(amount, field="amount", what=_("The amount"))
    check_amount_fits(convert(amount, rate), field="rate", what=_("The amount in %(call)s") % {"call": call_currency})
    return rate


def _as_text(expense: Expense) -> dict[str, str]:
    """What an expense says, as text for its history: the line by its description, numbers as written."""
    return {
        "line": expense.line.description,
        "spent_on": expense.spent_on.isoformat(),
        "amount": f"{quantize(expense.amount):f}",
        "currency": expense.currency,
        "rate": f"{expense.rate.normalize():f}",
        "amount_in_call_currency": f"{quantize(expense.amount_in_call_currency):f}",
        "description": expense.description,
    }


def _locked_expense(expense: Expense) -> tuple[Proposal, Expense]:
    proposal = lock_proposal(expense.proposal)
    expense = Expense.objects.select_for_update(of=("self",)).select_related("line").get(pk=expense.pk)
    if expense.is_void:
        raise ValidationError(_("This expense was voided; it can no longer be changed."))
    return proposal, expense


def require_may_change(expense: Expense, by: User, *, voiding: bool) -> None:
    """An accepted expense is no longer corrected, and only a coordinator voids it (with a reason).

    Raises ValidationError with code "accepted". No side effects.
    """
    if not expense.is_accepted:
        return
    if not voiding:
        raise ValidationError(
            _("This expense was accepted by a coordinator; it can no longer be corrected, only voided."),
            code="accepted",
        )
    if not by.is_coordinator:
        raise ValidationError(_("This expense was accepted; only a coordinator can void it."), code="accepted")


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the expense's history.")})
    return reason


@transaction.atomic
def expense_correct(
    *,
    expense: Expense,
    by: User,
    reason: str,
    line: BaselineLine,
    spent_on: datetime.date,
    amount: Decimal,
    currency: str,
    rate: Decimal | None,
    description: str,
) -> Expense:
    """Correct a recorded expense, keeping what it said before and why it changed; its receipt stays.

    Writes the Expense and an ExpenseChange (corrected: the reason, the values changed, before and after);
    no e-mail. Raises ValidationError when the proposal no longer takes expenses, the expense was voided,
    there is no reason, a value is wrong or nothing was changed.
    """
    reason = _require_reason(reason)
    proposal, expense = _locked_expense(expense)
    require_status(proposal, allowed=SPENDING, action=_("given expenses"))
    require_may_change(expense, by, voiding=False)
    rate = _checked_rate(
        proposal, line=line, spent_on=spent_on, amount=amount, currency=currency, rate=rate, description=description
    )
    before = _as_text(expense)
    expense.line = line
    expense.spent_on = spent_on
    expense.amount = amount
    expense.currency = currency
    expense.rate = rate
    expense.amount_in_call_currency = convert(amount, rate)
    expense.description = description.strip()
    after = _as_text(expense)
    changed = [name for name in after if after[name] != before[name]]
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    expense.full_clean(exclude=["proposal", "line", "receipt"])
    # A corrected expense waits for the coordinator's check again, whatever they said of it before.
    expense.check_status = ExpenseCheck.CLAIMED
    expense.save()
    ExpenseChange.objects.create(
        expense=expense,
        kind=ExpenseChangeKind.CORRECTED,
        reason=reason,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        changed_by=by,
    )
    return expense


@transaction.atomic
def expense_void(*, expense: Expense, by: User, reason: str) -> Expense:
    """Void a recorded expense: it stays in the list, marked void with the reason, and no longer counts as spent.

    Writes the Expense (voided_at, voided_by, void_reason) and an ExpenseChange (voided, with the values it
    had); no e-mail. Raises ValidationError when the proposal no longer takes expenses, the expense was voided
    already or there is no reason.
    """
    reason = _require_reason(reason)
    proposal, expense = _locked_expense(expense)
    require_status(proposal, allowed=SPENDING, action=_("given expenses"))
    require_may_change(expense, by, voiding=True)
    expense.voided_at = timezone.now()
    expense.voided_by = by
    expense.void_reason = reason
    expense.save(update_fields=["voided_at", "voided_by", "void_reason"])
    ExpenseChange.objects.create(
        expense=expense, kind=ExpenseChangeKind.VOIDED, reason=reason, before=_as_text(expense), changed_by=by
    )
    return expense


@transaction.atomic
def report_submit(
    *,
    proposal: Proposal,
    by: User,
    kind: str,
    period: str,
    narrative: str,
    progress: dict[int, tuple[str, str]],
    photos: list[tuple[object, str]] = (),
) -> ProgressReport:
    """A progress or final report: a status and note per key activity, a narrative and photos.

    There is one final report; after it a coordinator can complete the project. Writes the ProgressReport,
    an ActivityProgress per activity and a ReportPhoto per photo (files stored), and fills the earliest open
    report of its kind on the schedule (ReportDue); no e-mail.
    Raises ValidationError when the proposal is not approved or in implementation, on a second final
    report, a wrong value or a refused photo.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=SPENDING, action=_("reported on"))
    require_author(proposal, by)
    errors = {}
    if kind not in ReportKind.values:
        errors["kind"] = _("Choose a progress or a final report.")
    elif kind == ReportKind.FINAL and proposal.reports.filter(kind=ReportKind.FINAL).exists():
        errors["kind"] = _("The final report was already sent.")
    if not period.strip():
        errors["period"] = _("Say which period the report covers.")
    if not narrative.strip():
        errors["narrative"] = _("Write what happened.")
    else:
        try:
            check_markdown_fields(narrative=narrative)
        except ValidationError as error:
            errors.update(error.message_dict)
    activities = {activity.pk: activity for activity in proposal.activities.all()}
    for activity_id, (status, _note) in progress.items():
        if activity_id not in activities:
            errors["__all__"] = _("The report names an activity of another proposal.")
        elif status not in ActivityStatus.values:
            errors[f"activity_{activity_id}"] = _("Choose a status from the list.")
    if errors:
        raise ValidationError(errors)
    for image, _caption in photos:
        validate_photo(image)
    report = ProgressReport.objects.create(
        proposal=proposal, kind=kind, period=period.strip(), narrative=narrative.strip(), submitted_by=by
    )
    ActivityProgress.objects.bulk_create(
        [
            ActivityProgress(report=report, activity=activities[pk], status=status, note=note.strip())
            for pk, (status, note) in progress.items()
        ]
    )
    for image, caption in photos:
        ReportPhoto.objects.create(report=report, image=image, caption=caption.strip())
    report_due_fill(report=report)
    return report
