"""After approval: spending recorded against the approved lines, and the community's reports.

Expenses and reports are refused (require_author) unless `by` is a co-author still active in the proposing
community (or, for expenses, a coordinator), so rights follow membership even for a form opened before.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from ..domain.money import convert
from ..enums import SPENDING, ActivityStatus, ReportKind
from ..models import ActivityProgress, BaselineLine, Expense, ProgressReport, Proposal, ReportPhoto
from ..validators import validate_photo, validate_receipt
from .budgets import check_currency
from .drafting import lock_proposal, require_author
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
    errors = {}
    if line.proposal_id != proposal.pk:
        errors["line"] = _("Choose one of this proposal's approved budget lines.")
    if amount is None or amount <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    if spent_on and spent_on > timezone.localdate():
        errors["spent_on"] = _("The date cannot be in the future.")
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
    expense.save()
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
    an ActivityProgress per activity and a ReportPhoto per photo (files stored); no e-mail.
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
    return report
