from celery import shared_task

from common.tasks import MAIL_TASK, task_claim

from .services import reminders


@shared_task(**MAIL_TASK)
def proposal_reminders_task(self) -> int:
    """Drafts before a call closes, reviews still open or due, and reports due. Safe to run any number of times: each
    reminder's occasion decides; failures stay in the ledger and the mail sweep queues them again."""
    claim = task_claim(self)
    closing = reminders.send_call_closing_reminders(claim=claim)
    reviews = reminders.send_review_reminders(claim=claim)
    reviews_due = reminders.send_review_due_reminders(claim=claim)
    reports_due = reminders.send_report_reminders(claim=claim)
    return len(closing.sent) + len(reviews.sent) + len(reviews_due.sent) + len(reports_due.sent)
