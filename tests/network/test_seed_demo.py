import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from members.enums import Role
from members.models import User
from network.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_demo_twice_gives_the_same_network(capsys):
    call_command("seed_demo")
    first = sorted(User.objects.values_list("email", "role"))
    call_command("seed_demo")
    assert sorted(User.objects.values_list("email", "role")) == first
    assert ("coordinator@demo.example", Role.COORDINATOR) in first
    assert "coordinator@demo.example" in capsys.readouterr().out


def test_demo_coordinator_can_sign_in():
    call_command("seed_demo")
    assert authenticate(email="coordinator@demo.example", password=DEMO_PASSWORD) is not None
