from celery import shared_task

from .services import series_generate_all


@shared_task(time_limit=300)
def series_generate_all_task() -> int:
    """Keep every series planned to its horizon. Idempotent: beat may fire it twice."""
    return series_generate_all()
