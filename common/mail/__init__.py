"""The one way e-mail leaves the portal: render (render.py), record in the ledger and send (sending.py),
queue again what was not delivered (sweep.py). Kinds are registered by the apps (kinds.py)."""

from .kinds import register_kind
from .notices import NOTICE, deliver_to_address, mail_address, mail_people
from .render import Fragments, Rendered, render_for, render_message
from .sending import BatchResult, deliver, discard, mail_queue, send_rows

__all__ = [
    "NOTICE",
    "BatchResult",
    "Fragments",
    "Rendered",
    "deliver_to_address",
    "mail_address",
    "mail_people",
    "deliver",
    "discard",
    "mail_queue",
    "register_kind",
    "render_for",
    "render_message",
    "send_rows",
]
