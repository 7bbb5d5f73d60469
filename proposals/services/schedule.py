"""Report deadlines: the call's reporting schedule laid out for each funded project at approval."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from ..enums import ReportKind
from ..models import ProgressReport, Proposal, ReportDue

# A progress report is due this long after the period it covers ends.
PROGRESS_REPORT_GRACE = datetime.timedelta(days=14)


def project_dates(proposal: Proposal) -> tuple[datetime.date, datetime.date]:
    """The project's first and last day: its key activities', or the day it was decided when it has none."""
    activities = list(proposal.activities.all())
    decided = timezone.localdate(proposal.decided_at) if proposal.decided_at else timezone.localdate()
    if not activities:
        return decided, decided
    return min(a.starts_on for a in activities), max(a.ends_on for a in activities)


def report_schedule(
    *, starts: datetime.date, ends: datetime.date, every_months: int, final_after_days: int
) -> list[tuple[str, datetime.date, datetime.date, datetime.date]]:
    """(kind, period from, period to, due on) of each report: a progress report for each whole period of
    `every_months` months from the start that ends before the project does, then the final report covering
    the whole project, due `final_after_days` after its end. No queries."""
    dues = []
    if every_months:
        number = 1
        while True:
            period_starts = starts + relativedelta(months=every_months * (number - 1))
            period_ends = starts + relativedelta(months=every_months * number) - datetime.timedelta(days=1)
            if period_ends >= ends:
                break
            dues.append((ReportKind.PROGRESS, period_starts, period_ends, period_ends + PROGRESS_REPORT_GRACE))
            number += 1
    dues.append((ReportKind.FINAL, starts, ends, ends + datetime.timedelta(days=final_after_days)))
    return dues


@transaction.atomic
def report_schedule_create(*, proposal: Proposal) -> list[ReportDue]:
    """The reports a funded proposal owes, by its call's schedule; nothing new when it has them already.

    Writes a ReportDue per report; no e-mail (reminders come from proposal_reminders_task).
    """
    existing = list(proposal.reports_due.all())
    if existing:
        return existing
    starts, ends = project_dates(proposal)
    call = proposal.call
    return ReportDue.objects.bulk_create(
        [
            ReportDue(
                proposal=proposal,
                kind=kind,
                number=number,
                period_starts=period_starts,
                period_ends=period_ends,
                due_on=due_on,
            )
            for number, (kind, period_starts, period_ends, due_on) in enumerate(
                report_schedule(
                    starts=starts,
                    ends=ends,
                    every_months=call.report_every_months,
                    final_after_days=call.final_report_days,
                ),
                start=1,
            )
        ]
    )


def report_due_fill(*, report: ProgressReport) -> ReportDue | None:
    """Link a report sent to the earliest open report of its kind on the schedule. Writes that ReportDue."""
    due = (
        ReportDue.objects.select_for_update()
        .filter(proposal_id=report.proposal_id, kind=report.kind, report__isnull=True)
        .order_by("due_on", "pk")
        .first()
    )
    if due is not None:
        due.report = report
        due.save(update_fields=["report"])
    return due
