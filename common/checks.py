"""System checks for settings that would quietly leak private files."""

from django.conf import settings
from django.core.checks import Error, register

from .files import ACCEL_HEADERS
from .storage import is_inside


@register()
def private_media_checks(app_configs, **kwargs):
    """PRIVATE_MEDIA_ROOT must not overlap MEDIA_ROOT (which may be served to anyone), and the header that
    hands a file to the web server must be one it understands."""
    errors = []
    private, public = settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT
    if is_inside(private, public) or is_inside(public, private):
        errors.append(
            Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap, so private files could be served as public media.",
                hint="Keep PRIVATE_MEDIA_ROOT outside MEDIA_ROOT (by default var/private beside var/media).",
                id="common.E001",
            )
        )
    if settings.PRIVATE_MEDIA_ACCEL_HEADER not in ACCEL_HEADERS:
        errors.append(
            Error(
                f"PRIVATE_MEDIA_ACCEL_HEADER must be one of {', '.join(ACCEL_HEADERS)}.",
                id="common.E002",
            )
        )
    return errors
