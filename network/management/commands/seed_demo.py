"""Load the demo network. Safe to run again: it updates what it created before."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.demo.board import seed_board
from network.demo.communities import seed_communities
from network.demo.events import seed_events
from network.demo.members import DEMO_PASSWORD, seed_members
from network.demo.proposals import seed_proposals


class Command(BaseCommand):
    help = "Create or refresh the demo network with known demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with production settings (adds demo logins!)."
        )

    def handle(self, *args, force=False, **options):
        if settings.SETTINGS_MODULE.endswith("production") and not force:
            raise CommandError(
                "seed_demo adds accounts with known passwords; refusing with production settings. Use --force."
            )
        with transaction.atomic():
            people = seed_members()
            seed_communities()
            seed_events()
            seed_board()
            seed_proposals()
        self.stdout.write(self.style.SUCCESS(f"Demo network ready. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for person in people[:5]:
            self.stdout.write(f"  {person.email:<28} {person.get_role_display()}")
