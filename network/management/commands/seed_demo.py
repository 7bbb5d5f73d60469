"""Load the demo network. Safe to run again and again (`make run` does): once the demo is in the database it
changes nothing, so it never trips over what people created since or undoes their edits. Parts of the demo
that came with later features (PARTS) are added once to a demo loaded before them."""

import os

from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.test.utils import override_settings

from members.models import User
from network.demo.attendance import seed_attendance_report
from network.demo.calls import seed_call
from network.demo.challenges import seed_challenges
from network.demo.communities import seed_communities
from network.demo.funding import seed_funding
from network.demo.learning import seed_learning
from network.demo.meetings import seed_meetings
from network.demo.organisations import seed_organisations
from network.demo.partnerships import seed_partnerships
from network.demo.people import COORDINATOR, DEMO_PASSWORD, login_lines, seed_affiliations, seed_people
from network.demo.proposals import seed_proposals
from network.demo.resources import seed_resources
from network.demo.stakeholders import seed_stakeholders
from network.demo.together import seed_statement, seed_work_plan
from network.demo.trade import seed_trade
from network.models import DemoPart

# The services e-mail the people a step concerns; the demo's steps happened in its story, not now, and its
# addresses are made up, so nothing is sent while it loads.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"

# Parts of the demo that came with later features, (name, seed(by=coordinator)). Each is loaded once: with the
# rest into an empty database, or alone into a demo loaded before it existed; DemoPart records it, so a part
# whose records people deleted is not made again.
PARTS = [
    ("work plan", lambda by: seed_work_plan()),
    ("statement", lambda by: seed_statement()),
    ("funding", lambda by: seed_funding()),
    ("partnerships", seed_partnerships),
    ("learning", seed_learning),
    ("trade", lambda by: seed_trade()),
    ("attendance report", seed_attendance_report),
]
# What people's edits may have done to the records a part builds on (renamed or deleted them).
EDITED_AWAY = (ObjectDoesNotExist, MultipleObjectsReturned, ValidationError, IntegrityError)


class Command(BaseCommand):
    help = "Create the demo network with known demo logins, or add what is missing of it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with production settings (adds demo logins!)."
        )

    def handle(self, *args, force=False, **options):
        # Under override_settings (a test's `settings`) SETTINGS_MODULE is None; the environment still names it.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith("production") and not force:
            raise CommandError(
                "seed_demo adds accounts with known passwords; refusing with production settings. Use --force."
            )
        if User.objects.filter(email=COORDINATOR).exists():
            # The demo was loaded (in one transaction, so all of it): what is there now is the users' to
            # change, and looking demo records up again could meet their duplicates (a second "CIPL").
            added = self._add_new_parts(User.objects.get(email=COORDINATOR))
            if added:
                self.stdout.write(f"The demo network is already loaded; added its new parts: {', '.join(added)}.")
            else:
                self.stdout.write("The demo network is already loaded; nothing was changed.")
        else:
            with override_settings(EMAIL_BACKEND=NO_MAIL), transaction.atomic():
                seed_people()
                coordinator = User.objects.get(email=COORDINATOR)
                seed_organisations(by=coordinator)
                seed_stakeholders(by=coordinator)
                seed_affiliations(by=coordinator)
                seed_communities(by=coordinator)
                seed_meetings()
                seed_challenges()
                seed_resources()
                seed_proposals(seed_call(by=coordinator))
                for name, seed in PARTS:
                    seed(by=coordinator)
                    DemoPart.objects.create(name=name)
        self.stdout.write(self.style.SUCCESS(f"Demo network ready. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for line in login_lines():
            self.stdout.write(line)

    def _add_new_parts(self, coordinator: User) -> list[str]:
        """Load each part not loaded yet, each in its own transaction; a part that people's edits made
        impossible is skipped with a note, never a crash. Returns the names of the parts added."""
        added = []
        for name, seed in PARTS:
            if DemoPart.objects.filter(name=name).exists():
                continue
            try:
                with override_settings(EMAIL_BACKEND=NO_MAIL), transaction.atomic():
                    seed(by=coordinator)
                    DemoPart.objects.create(name=name)
            except EDITED_AWAY as error:
                self.stderr.write(f"The demo's {name} could not be added to the network as it is now: {error}")
            else:
                added.append(name)
        return added
