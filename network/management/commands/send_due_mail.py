"""Run the reminder, digest and mail sweeps once: what beat does on schedule, for a quick look or a cron job."""

from django.core.management.base import BaseCommand

from common.tasks import deliveries_sweep_task
from events.tasks import reminders_sweep_task
from network.tasks import digests_sweep_task


class Command(BaseCommand):
    help = "Queue (or, without Redis, send) the meeting reminders, digests and retries that are due now."

    def handle(self, *args, **options):
        reminder_batches = reminders_sweep_task()
        digest_batches = digests_sweep_task()
        retried = deliveries_sweep_task()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(reminder_batches)} reminder batches, {len(digest_batches)} digest batches, "
                f"{retried} e-mails queued again."
            )
        )
