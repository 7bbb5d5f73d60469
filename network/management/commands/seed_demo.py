"""Load the demo network. Safe to run again and again (`make run` does): once the demo is in the database it
changes nothing, so it never trips over what people created since or undoes their edits."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from members.models import User
from network.demo.calls import seed_call
from network.demo.challenges import seed_challenges
from network.demo.communities import seed_communities
from network.demo.meetings import seed_meetings
from network.demo.organisations import seed_organisations
from network.demo.people import COORDINATOR, DEMO_PASSWORD, login_lines, seed_affiliations, seed_people
from network.demo.proposals import seed_proposals
from network.demo.resources import seed_resources
from network.demo.stakeholders import seed_stakeholders
from network.demo.trade import seed_trade

# The services e-mail the people a step concerns; the demo's steps happened in its story, not now, and its
# addresses are made up, so nothing is sent while it loads.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Create the demo network with known demo logins, or add what is missing of it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with production settings (adds demo logins!)."
        )

    def handle(self, *args, force=False, **options):
        if settings.SETTINGS_MODULE.endswith("production") and not force:
            raise CommandError(
                "seed_demo adds accounts with known passwords; refusing with production settings. Use --force."
            )
        if User.objects.filter(email=COORDINATOR).exists():
            # The demo was loaded (in one transaction, so all of it): what is there now is the users' to
            # change, and looking demo records up again could meet their duplicates (a second "CIPL").
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
                seed_trade()
        self.stdout.write(self.style.SUCCESS(f"Demo network ready. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for line in login_lines():
            self.stdout.write(line)
