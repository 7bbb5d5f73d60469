"""Cached fragments are computed again as soon as a service touches what they show, even mid-transaction."""

import socket

import pytest
from django.db import transaction

from common.fragments import cached, person_scope, touch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"computed {self.calls}"


def test_kept_until_its_scope_is_touched():
    compute = Counter()
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    touch("elsewhere")
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    touch("board")
    assert cached("part", scopes=["board"], compute=compute) == "computed 2"


def test_each_person_has_their_own():
    first, second = UserFactory(), UserFactory()
    compute = Counter()
    assert cached("part", scopes=[person_scope(first)], compute=compute) == "computed 1"
    assert cached("part", scopes=[person_scope(second)], compute=compute) == "computed 2"
    touch(person_scope(first))
    assert cached("part", scopes=[person_scope(second)], compute=compute) == "computed 2"
    assert cached("part", scopes=[person_scope(first)], compute=compute) == "computed 3"


def test_a_read_during_the_transaction_is_dropped_when_it_commits(django_capture_on_commit_callbacks):
    compute = Counter()
    cached("part", scopes=["board"], compute=compute)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        touch("board")
        # Another request, not seeing the uncommitted rows yet, computes and stores the old content.
        assert cached("part", scopes=["board"], compute=compute) == "computed 2"
    assert cached("part", scopes=["board"], compute=compute) == "computed 3"


def test_the_language_is_part_of_the_key(settings):
    from django.utils import translation

    compute = Counter()
    with translation.override("en"):
        assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    with translation.override("km"):
        assert cached("part", scopes=["board"], compute=compute) == "computed 2"
    with translation.override("en"):
        assert cached("part", scopes=["board"], compute=compute) == "computed 1"


def test_a_timeout_computed_from_the_value_and_nothing_kept_when_already_stale():
    compute = Counter()
    assert cached("part", scopes=["board"], compute=compute, timeout=lambda value: 0) == "computed 1"
    assert cached("part", scopes=["board"], compute=compute, timeout=lambda value: 0) == "computed 2"
    assert cached("part", scopes=["board"], compute=compute, timeout=lambda value: 60) == "computed 3"
    assert cached("part", scopes=["board"], compute=compute, timeout=lambda value: 60) == "computed 3"


def test_an_unreachable_cache_neither_fails_the_write_nor_the_page(settings, caplog):
    """A restarting Redis: the touch is logged and skipped, the fragment computed afresh every time."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    # (The settings fixture's setting_changed signal gives the cache handler the new server.)
    with transaction.atomic():
        touch("board")
    compute = Counter()
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    assert cached("part", scopes=["board"], compute=compute) == "computed 2"
    assert "The cache is unavailable" in caplog.text


def test_what_was_kept_before_a_model_changed_is_not_read_back(monkeypatch):
    from common import fragments

    compute = Counter()
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    assert cached("part", scopes=["board"], compute=compute) == "computed 1"
    monkeypatch.setattr(fragments, "_schema", lambda: "after-a-deploy-with-another-field")
    assert cached("part", scopes=["board"], compute=compute) == "computed 2"
