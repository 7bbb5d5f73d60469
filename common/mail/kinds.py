"""The kinds of e-mail, registered by the apps that send them.

Common knows no app: each app says, once, what its kind is called in the log and how rows of that
kind are sent again (a retry after a failure, a lease that ran out, a task lost with the broker).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MailKind:
    name: str
    label: str
    # Queue the sending of these rows again (ids in, a task out); None: rows carry their message.
    resend: Callable[[list[int]], None] | None = None
    # A short note for the log, from the row's params ("1 day before").
    detail: Callable[[object], str] | None = None


_kinds: dict[str, MailKind] = {}


def register_kind(name: str, *, label, resend=None, detail=None) -> str:
    """Register a kind of e-mail; returns its name, to keep as the app's constant."""
    _kinds[name] = MailKind(name=name, label=label, resend=resend, detail=detail)
    return name


def get_kind(name: str) -> MailKind | None:
    return _kinds.get(name)


def kind_label(name: str) -> str:
    kind = _kinds.get(name)
    return str(kind.label) if kind else name


def detail_label(delivery) -> str:
    kind = _kinds.get(delivery.kind)
    return kind.detail(delivery) if kind and kind.detail else ""
