"""Status badges: `{% badge %}` for an enum value, `{% badge_tone %}` for a fixed tone and label."""

from django import template
from django.utils.html import format_html

from common.badges import Tone, badge_for

register = template.Library()


def _render(tone: Tone, label) -> str:
    return format_html('<span class="status tone-{}">{}</span>', tone.value, label)


@register.simple_tag
def badge(enum_name: str, value, label=None) -> str:
    """A badge for `value` of the enum registered as `enum_name`, in the tone declared beside the enum.

    Shows the enum's translated label unless `label` is given (a page may word a status for its reader,
    e.g. "You are invited"); an unknown value is shown neutral.
    """
    enum_label, tone = badge_for(enum_name, value)
    return _render(tone, enum_label if label is None else label)


@register.simple_tag
def badge_tone(tone: str, label) -> str:
    """A badge with a fixed tone ("ok", "waiting", "warning", "danger", "neutral") and label.

    For facts that are not an enum value, such as "Public" or "Accepted answer"; an unknown tone is neutral.
    """
    try:
        chosen = Tone(tone)
    except ValueError:
        chosen = Tone.NEUTRAL
    return _render(chosen, label)
