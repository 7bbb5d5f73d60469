from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SLIDES_MAX_BYTES = 20 * 1024 * 1024
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


def validate_slides(upload) -> None:
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SLIDES_EXTENSIONS:
        raise ValidationError(_("Slides must be one of: %(types)s.") % {"types": ", ".join(sorted(SLIDES_EXTENSIONS))})
    if upload.size > SLIDES_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(SLIDES_MAX_BYTES)}
        )
