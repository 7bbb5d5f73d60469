from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.uploads import MB, UploadPolicy

SLIDES_MAX_BYTES = 20 * MB
SLIDES_EXTENSIONS = {"pdf", "ppt", "pptx", "odp", "key", "doc", "docx", "odt", "png", "jpg", "jpeg"}


def validate_rrule(value: str) -> None:
    """A recurrence rule in the iCalendar RRULE syntax, without DTSTART or COUNT-less infinity checks."""
    text = value.strip().removeprefix("RRULE:")
    if not text:
        raise ValidationError(_("Enter a recurrence rule."))
    if "DTSTART" in text.upper():
        raise ValidationError(_("Leave the start out of the rule; it comes from the first date."))
    try:
        rrulestr(f"RRULE:{text}", ignoretz=True)
    except (ValueError, TypeError) as error:
        raise ValidationError(_("This is not a recurrence rule we understand: %(error)s") % {"error": error}) from error


# Slides are judged by their content too, not only by their name.
validate_slides = UploadPolicy(
    extensions=SLIDES_EXTENSIONS,
    max_bytes=SLIDES_MAX_BYTES,
    messages={
        "wrong_type": gettext_lazy("Slides must be one of: %(types)s."),
        "too_big": gettext_lazy("The file is %(size)s; the limit is %(limit)s."),
    },
)
