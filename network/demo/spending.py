"""The demo spending of CoP-IP's approved project: four expenses checked by the coordinator, a budget revision
and the first progress report of the call's schedule."""

from decimal import Decimal

from members.models import User
from proposals import services
from proposals.enums import ActivityStatus, ExpenseCheck, ReportKind
from proposals.models import BudgetRevision, Expense, ProgressReport, Proposal

from .dates import at, day

# days ago, approved line, amount, currency, rate, description
EXPENSES = [
    (-30, "Hall for the performance and the exhibition", "200.00", "USD", "1", "Hall rental, 8 days"),
    (-26, "Performers' fees", "300.00", "USD", "1", "Fees of 12 performers"),
    (-26, "Transport of performers from the villages", "738000", "KHR", "4100", "Minibus from three villages"),
    (-22, "Printing the exhibition panels", "2542000", "KHR", "4100", "20 panels, printer in Siem Reap"),
]
NARRATIVE = (
    "About **320 people** came to the performance, among them the deputy provincial governor. "
    "Elders told three stories in Kuy; the youth groups danced.\n\n"
    "- The exhibition is open until the end of the week\n"
    "- Printing the panels cost more than planned: the printer was in Siem Reap\n"
    "- The reflection is planned for next month"
)
PROGRESS = [ActivityStatus.COMPLETED, ActivityStatus.IN_PROGRESS, ActivityStatus.NOT_STARTED]


def record_spending(proposal: Proposal, *, by: User) -> None:
    """Record the expenses against the approved lines and send the progress report, as the author `by`,
    through the tracking services; then date them back."""
    lines = {line.description: line for line in proposal.baseline_lines.all()}
    for offset, line, amount, currency, rate, description in EXPENSES:
        expense = services.expense_record(
            proposal=proposal,
            line=lines[line],
            by=by,
            spent_on=day(offset),
            amount=Decimal(amount),
            currency=currency,
            rate=Decimal(rate),
            description=description,
        )
        Expense.objects.filter(pk=expense.pk).update(recorded_at=at(offset, 16))
    activities = proposal.activities.order_by("starts_on", "pk")
    report = services.report_submit(
        proposal=proposal,
        by=by,
        kind=ReportKind.PROGRESS,
        period="The first month",
        narrative=NARRATIVE,
        progress={activity.pk: (status, "") for activity, status in zip(activities, PROGRESS, strict=True)},
    )
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=at(-10, 15))


# description of the expense, outcome, note, days ago
CHECKS = [
    ("Hall rental, 8 days", ExpenseCheck.ACCEPTED, "", -20),
    ("Fees of 12 performers", ExpenseCheck.ACCEPTED, "", -20),
    ("20 panels, printer in Siem Reap", ExpenseCheck.ACCEPTED, "", -20),
    (
        "Minibus from three villages",
        ExpenseCheck.QUERIED,
        "Please add the minibus receipts: one for each of the three villages.",
        -20,
    ),
]
REVISION_REASON = (
    "More elders will come to the reflection than we planned, and the bank waived its fees for community "
    "groups this year: we ask to move 40 USD from the bank fees to the meals at the reflection."
)


def check_and_revise(proposal: Proposal, *, coordinator: User, by: User) -> None:
    """The coordinator checks the demo expenses (three accepted, one queried) and approves the co-author
    `by`'s request to move money from the bank fees to the meals of the reflection; then dated back."""
    expenses = {expense.description: expense for expense in proposal.expenses.all()}
    for description, outcome, note, offset in CHECKS:
        expense = services.expense_check(expense=expenses[description], by=coordinator, outcome=outcome, note=note)
        Expense.objects.filter(pk=expense.pk).update(checked_at=at(offset, 10))
        expense.changes.update(changed_at=at(offset, 10))
    lines = {line.description: line for line in proposal.baseline_lines.all()}
    revision = services.budget_revision_request(
        proposal=proposal,
        by=by,
        from_line=lines["Bank fees and bookkeeping"],
        to_line=lines["Meals at the reflection"],
        amount=Decimal("40.00"),
        reason=REVISION_REASON,
    )
    services.budget_revision_approve(
        revision=revision, by=coordinator, reason="Agreed: the reflection is where the community learns."
    )
    BudgetRevision.objects.filter(pk=revision.pk).update(requested_at=at(-18, 11), decided_at=at(-17, 9))
