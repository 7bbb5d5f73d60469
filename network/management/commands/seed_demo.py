"""Load the demo network. Safe to run again: it updates what it created before."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.enums import Role
from members.models import User

DEMO_PASSWORD = "demo-network-2026"

DEMO_PEOPLE = [
    # e-mail, display name, role
    ("coordinator@demo.example", "Sokha Chan", Role.COORDINATOR),
    ("leader@demo.example", "Dara Kim", Role.MEMBER),
    ("facilitator@demo.example", "Sreymom Ly", Role.MEMBER),
    ("member@demo.example", "Vuthy Sok", Role.MEMBER),
    ("newcomer@demo.example", "Chenda Pich", Role.PENDING),
]


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
            people = [self._person(email, name, role) for email, name, role in DEMO_PEOPLE]
        self.stdout.write(self.style.SUCCESS(f"Demo network ready. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for person in people:
            self.stdout.write(f"  {person.email:<28} {person.get_role_display()}")

    def _person(self, email, name, role):
        user, _ = User.objects.update_or_create(
            email=email, defaults={"display_name": name, "role": role, "is_active": True}
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user
