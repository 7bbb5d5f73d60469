"""What an organisation's logo may be; the checks themselves are common.uploads'."""

from django.utils.translation import gettext_lazy as _

from common.uploads import IMAGES, MB, UploadPolicy

LOGO_MAX_BYTES = 2 * MB
LOGO_REFUSAL = _("The logo must be a PNG, JPEG, WebP or GIF image.")

validate_logo = UploadPolicy(
    extensions=IMAGES,
    max_bytes=LOGO_MAX_BYTES,
    messages={
        "wrong_type": LOGO_REFUSAL,
        "wrong_content": LOGO_REFUSAL,
        "too_big": _("The logo is %(size)s; the limit is %(limit)s."),
    },
)

OFFER_PHOTO_MAX_BYTES = 5 * MB
OFFER_PHOTO_REFUSAL = _("%(name)s is not a photo we accept: send a PNG, JPEG, WebP or GIF image.")

validate_offer_photo = UploadPolicy(
    extensions=IMAGES,
    max_bytes=OFFER_PHOTO_MAX_BYTES,
    messages={
        "wrong_type": OFFER_PHOTO_REFUSAL,
        "wrong_content": OFFER_PHOTO_REFUSAL,
        "too_big": _("The photo %(name)s is %(size)s; the limit is %(limit)s."),
    },
)
