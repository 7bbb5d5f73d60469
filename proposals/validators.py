from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

RECEIPT_MAX_BYTES = 5 * 1024 * 1024
# Receipts are served with the type their name says, so the name must agree with the content.
RECEIPT_EXTENSIONS = {"pdf": "pdf", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}


def _check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def _image_format(upload) -> str | None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
        return image_format
    except (UnidentifiedImageError, OSError, SyntaxError):
        return None
    finally:
        upload.seek(position)


def _is_pdf(upload) -> bool:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        return upload.read(5) == b"%PDF-"
    finally:
        upload.seek(position)


def validate_receipt(upload) -> None:
    """A receipt is a PDF, or a photo or scan as PNG, JPEG or WebP, of at most 5 MB; judged by its content."""
    _check_size(upload, RECEIPT_MAX_BYTES)
    name = getattr(upload, "name", "") or ""
    expected = RECEIPT_EXTENSIONS.get(name.rsplit(".", 1)[-1].lower() if "." in name else "")
    found = "pdf" if _is_pdf(upload) else _image_format(upload)
    if expected is None or found != expected:
        raise ValidationError(_("A receipt must be a PDF, or a PNG, JPEG or WebP image."))


def validate_photo(upload) -> None:
    """A report photo is a PNG, JPEG or WebP image of at most 5 MB."""
    _check_size(upload, PHOTO_MAX_BYTES)
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(_("A photo must be a PNG, JPEG or WebP image."))
