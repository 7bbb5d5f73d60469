"""Plain functions the tests share. Fixtures live in the conftest files; these are imported."""

import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def queries_for(client, url) -> int:
    """How many queries one GET of url makes (after a first GET has warmed sessions and caches)."""
    client.get(url)
    return _count(client, url)


def cold_queries_for(client, url) -> int:
    """How many queries one GET of url makes with nothing in the cache (cached fragments computed afresh)."""
    from django.core.cache import cache

    client.get(url)
    cache.clear()
    return _count(client, url)


def worker_mail(worker) -> list:
    """The e-mails the real worker sent, parsed."""
    import email
    from email import policy

    messages = []
    for path in sorted(worker.mail_dir.iterdir()):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip() + "\n", policy=policy.default))
    return messages


def wait_for(condition, timeout=20.0, interval=0.1):
    """Poll until condition() is truthy; return its value or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Gave up waiting after {timeout} s")


def screenshot(page, name):
    """Save a full-page screenshot of the browser page under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def join(community, person):
    """Make person an active member of community, without going through the request workflow."""
    from communities.enums import MembershipStatus
    from communities.models import Membership

    return Membership.objects.create(community=community, person=person, status=MembershipStatus.ACTIVE)


def ledger_writes(queries) -> list:
    """The per-message statements of the delivery ledger (sent or failed) among captured queries: each
    message's outcome is committed as it happens, so these are one per message by design. (Leases are
    taken a chunk of common.mail.sending.LEASE_CHUNK rows at a time, in two statements per chunk.)"""
    return [
        query
        for query in queries
        if query["sql"].startswith('UPDATE "network_delivery"') and '"network_delivery"."id" = ' in query["sql"]
    ]


def queries_besides_ledger_writes(queries) -> int:
    return len(queries) - len(ledger_writes(queries))


def lease_chunks(messages: int) -> int:
    """How many chunks a batch of `messages` rows is leased in."""
    from common.mail.sending import LEASE_CHUNK

    return -(-messages // LEASE_CHUNK)
