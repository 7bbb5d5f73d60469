"""The demo spending of CoP-IP's approved project: four expenses and the first progress report."""

from decimal import Decimal

from members.models import User
from proposals import services
from proposals.enums import ActivityStatus, ReportKind
from proposals.models import Expense, ProgressReport, Proposal

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
