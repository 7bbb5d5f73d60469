"""Parts of pages kept in the cache (Redis in production and tests) until a service changes what they show.

    html = cached("dashboard-waiting", scopes=["board", person_scope(user)], compute=lambda: render_to_string(...))

    def reply_create(...):
        ...
        touch("board")

A fragment names the scopes it shows ("board": the challenges and replies; "person:12": what belongs to one
person). Each scope has a generation number in the cache, and the fragment's key holds the generations it was
computed under. A service that changes a scope calls `touch(scope)`: its generation moves on, so the next read
computes the fragment afresh; the old entries are never read again and expire with their timeout. The key also
holds the active language and time zone, since the fragment is rendered text.

`touch` moves the generation at once and again when the transaction commits: a page computed meanwhile (still
seeing the old rows) is stored under the first new generation and dropped by the second.

Rows many services write (meetings, memberships, proposals…) are watched instead of touched by hand:
`touch_on_write(Model)` touches `model_scope(Model)` whenever a row is saved or deleted, and
`touch_on_write(Model, scope=lambda row: person_scope_of(row.person_id))` the scope that row belongs to. Bulk inserts and
`QuerySet.update()` send no signals: the services that use them call `touch` themselves.
"""

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from redis.exceptions import RedisError

T = TypeVar("T")
logger = logging.getLogger(__name__)
# What a cache server that is restarting or unreachable raises (Django's Redis backend lets them through).
UNAVAILABLE = (RedisError, OSError)

# An hour: entries left behind by a touch expire by then; a scope nobody touches is recomputed hourly.
TIMEOUT = 60 * 60
PREFIX = "fragment"


def person_scope(person) -> str:
    """The scope of what belongs to one person (their notifications, their place in the network)."""
    return person_scope_of(person.pk)


def person_scope_of(person_id: int) -> str:
    """`person_scope` from the person's id alone."""
    return f"person:{person_id}"


def model_scope(model) -> str:
    """The scope of every row of a model (a meeting moved, a community renamed, a proposal's status)."""
    return f"model:{model._meta.label_lower}"


@functools.cache
def _schema() -> str:
    """A digest of every model's fields: pickled rows kept before a deploy that changed a model are not read
    back into the new code (their keys differ), they expire with their timeout."""
    fields = (
        f"{model._meta.label}:{','.join(f.attname for f in model._meta.concrete_fields)}" for model in apps.get_models()
    )
    return hashlib.sha256(";".join(sorted(fields)).encode()).hexdigest()[:12]


def _generation_key(scope: str) -> str:
    return f"{PREFIX}:generation:{scope}"


def _bump(keys: list[str]) -> None:
    try:
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:  # never touched yet (or evicted): any new value differs from "absent"
                cache.set(key, 1, timeout=None)
    except UNAVAILABLE:
        # The write that touches must not fail with the cache: a restarted Redis has lost its fragments anyway.
        logger.warning("The cache is unavailable: %s not moved on", ", ".join(keys), exc_info=True)


def touch(*scopes: str) -> None:
    """Mark what the scopes cover as changed: every fragment showing one of them is computed again.

    Side effects: increments the scopes' generations in the cache now and after the transaction commits.
    """
    keys = [_generation_key(scope) for scope in scopes]
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def touch_on_write(model, *, scope: Callable[[object], str] | None = None) -> None:
    """Touch the model's scope, or the row's `scope(row)`, whenever a row is saved or deleted.

    For a many-to-many field's `through` model, adding and removing links touch the scope of the model the field
    is declared on. Side effects: connects signal receivers (once per model, at start-up).
    """
    if model._meta.auto_created:
        owner = model._meta.auto_created

        def linked(sender, action, **kwargs):
            if action.startswith("post_"):
                touch(model_scope(owner))

        m2m_changed.connect(linked, sender=model, weak=False, dispatch_uid=f"fragments:{model._meta.label_lower}")
        return

    def written(sender, instance, **kwargs):
        touch(scope(instance) if scope else model_scope(model))

    # Once per model and scope function, however often the app's ready() runs and however many apps watch it.
    which = "model" if scope is None else f"{scope.__module__}:{scope.__code__.co_firstlineno}"
    for signal in (post_save, post_delete):
        signal.connect(written, sender=model, weak=False, dispatch_uid=f"fragments:{model._meta.label_lower}:{which}")


def cached(
    name: str,
    *,
    scopes: Iterable[str],
    compute: Callable[[], T],
    timeout: int | Callable[[T], int] = TIMEOUT,
) -> T:
    """The fragment `name` for the scopes' current generations, computed by `compute()` when not in the cache.

    Two cache round trips when present (the generations, then the fragment); `compute()` runs only when absent.
    `timeout` may be a function of the computed value, for what goes stale with time (a meeting that ends).
    """
    scopes = list(scopes)
    try:
        generations = cache.get_many([_generation_key(scope) for scope in scopes])
        versions = ",".join(f"{scope}={generations.get(_generation_key(scope), 0)}" for scope in scopes)
        key = (
            f"{PREFIX}:{_schema()}:{name}:{versions}:{translation.get_language() or ''}:"
            f"{timezone.get_current_timezone_name()}"
        ).replace(" ", "_")
        value = cache.get(key)
    except UNAVAILABLE:  # the page is computed as without a cache, not refused
        logger.warning("The cache is unavailable: %s computed afresh", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        seconds = timeout(value) if callable(timeout) else timeout
        if seconds > 0:
            try:
                cache.set(key, value, timeout=seconds)
            except UNAVAILABLE:
                logger.warning("The cache is unavailable: %s not kept", name, exc_info=True)
    return value
