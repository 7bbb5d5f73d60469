"""The tone of each status badge, declared beside the enum it colours.

An app says once, in its enums module, how each value of an enum should look:

    tones(ChallengeStatus, {ChallengeStatus.OPEN: Tone.WAITING, ChallengeStatus.ANSWERED: Tone.OK})

and templates show a value with `{% badge "ChallengeStatus" challenge.status %}` (see
`common/templatetags/badges.py`). The stylesheet knows only the tones, never an app's raw values.
"""

from enum import StrEnum

from django.db.models import Choices


class Tone(StrEnum):
    """What a badge tells the reader at a glance; each tone is one CSS class (`tone-<value>`)."""

    OK = "ok"  # done, accepted, in good standing
    WAITING = "waiting"  # someone is expected to act: submitted, open, being sent
    WARNING = "warning"  # needs the reader's attention: invited, revisions requested
    DANGER = "danger"  # failed, refused, cancelled, gone
    NEUTRAL = "neutral"  # nothing to signal: the plain badge


_registry: dict[str, tuple[type[Choices], dict[str, Tone]]] = {}


def tones(choices: type[Choices], mapping: dict) -> None:
    """Register the tone of each value of `choices` under the enum's class name.

    Values left out of `mapping` are neutral. Registering a second, different enum under a name
    already taken raises, so two apps cannot silently share a badge name.
    """
    name = choices.__name__
    known = _registry.get(name)
    if known is not None and known[0] is not choices:
        raise ValueError(f"Another enum is already registered for badges as {name!r}.")
    _registry[name] = (choices, {str(value): Tone(tone) for value, tone in mapping.items()})


def badge_for(enum_name: str, value) -> tuple[str, Tone]:
    """The label and tone to show for `value` of the enum registered as `enum_name`.

    An unknown enum or value is shown as the value itself with the neutral tone, never an error,
    so a page keeps rendering if data and code disagree.
    """
    known = _registry.get(enum_name)
    if known is None:
        return ("" if value is None else str(value)), Tone.NEUTRAL
    choices, mapping = known
    key = "" if value is None else str(value)
    for member in choices:
        if str(member.value) == key:
            return member.label, mapping.get(key, Tone.NEUTRAL)
    return key, Tone.NEUTRAL
