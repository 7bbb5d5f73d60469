import pytest
from django.test import Client


@pytest.fixture
def client_for(db):
    """A separate signed-in browser session per person."""

    def make(person):
        client = Client()
        client.force_login(person)
        return client

    return make
