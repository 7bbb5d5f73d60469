from celery import shared_task

from .services import reviews_due


@shared_task
def partnership_reviews_task() -> tuple[int, int]:
    """Close the health reviews whose time is over and open those the schedule says are due. Safe to run any
    number of times: a partnership has at most one open review; the e-mails go through the ledger."""
    return reviews_due()
