"""The one per-request cache: facts about the signed-in user that the permission rules ask many times.

A page that lists forty proposals asks "which proposals does this person co-author?" forty times; the
answer is computed once and kept here. The facts live in one dict attribute on the user object, and
Django makes a new user object for every request, so the cache lasts one request and never goes stale
across requests. Within a request, a service that changes such a fact (joining a community) is followed
by a redirect, so the next request asks again. Tests that change a fact mid-test call `forget(user)`.
"""

from collections.abc import Callable
from typing import TypeVar

ATTRIBUTE = "_per_request_facts"

T = TypeVar("T")


def per_user(user, key: str, compute: Callable[[], T]) -> T:
    """The fact named `key` about `user`: computed by `compute()` the first time, then kept on the user object.

    Side effect: sets the ATTRIBUTE dict on the user object the first time.
    """
    facts = getattr(user, ATTRIBUTE, None)
    if facts is None:
        facts = {}
        setattr(user, ATTRIBUTE, facts)
    if key not in facts:
        facts[key] = compute()
    return facts[key]


def forget(user) -> None:
    """Drop every fact kept about `user`, so the next question is asked again."""
    if getattr(user, ATTRIBUTE, None) is not None:
        setattr(user, ATTRIBUTE, {})
