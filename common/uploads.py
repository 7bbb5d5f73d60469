"""Every uploaded file is checked one way: an `UploadPolicy` names what a field accepts, the checks are these.

1. The extension is on the field's allow-list, and the list can only hold the types known here: SVG, HTML and
   other markup a browser would run are never accepted, whatever a field asks for.
2. The file is not larger than the field's limit.
3. The content agrees with the extension: images are opened with Pillow and must be of the format their name
   says; documents must start with their format's magic bytes; text must not be markup.
4. Images are refused before they are decoded when their pixel count passes Pillow's decompression-bomb limit
   (`Image.MAX_IMAGE_PIXELS`): a small file that would unpack into gigabytes.

Each app declares its policies in its `validators.py`, e.g.
`validate_logo = UploadPolicy(extensions=IMAGES, max_bytes=2 * MB, messages={...})`, and uses the policy as
the file field's validator (model and form).
"""

import warnings

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024

# The Pillow format an image's extension promises.
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
ZIP = b"PK\x03\x04"  # Office Open XML, OpenDocument and Keynote files are zip archives
OLE = b"\xd0\xcf\x11\xe0"  # the older Office formats
# What a document's first bytes must be for its extension: a renamed program or web page is refused.
SIGNATURES = {
    "pdf": b"%PDF-",
    "rtf": b"{\\rtf",
    "docx": ZIP, "xlsx": ZIP, "pptx": ZIP, "odt": ZIP, "ods": ZIP, "odp": ZIP, "key": ZIP,
    "doc": OLE, "xls": OLE, "ppt": OLE,
}  # fmt: skip
TEXT = {"txt", "csv", "tsv"}
KNOWN_EXTENSIONS = frozenset(IMAGE_FORMATS) | frozenset(SIGNATURES) | TEXT
# Text that a browser would render as a page or run as a script, if it was ever served inline.
MARKUP = (b"<html", b"<svg", b"<script", b"<!doctype", b"<?xml", b"<body", b"<iframe")

IMAGES = frozenset(IMAGE_FORMATS)

DEFAULT_MESSAGES = {
    "wrong_type": _("%(name)s is not a document or image we accept. Allowed: %(types)s."),
    "wrong_content": _("%(name)s does not look like a .%(extension)s file."),
    "too_big": _("%(name)s is %(size)s; the limit is %(limit)s."),
    "too_many_pixels": _("%(name)s is an image too large to open safely."),
}


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot; "" when it has none."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(upload, size: int) -> bytes:
    """The first bytes of the file, leaving its position where it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        return upload.read(size)
    finally:
        upload.seek(position)


def _image_format(upload) -> str | None:
    """The Pillow format of the image, or None when it is not an image Pillow can verify.

    Raises Image.DecompressionBombError when the image has more pixels than Image.MAX_IMAGE_PIXELS (Pillow's
    warning for that case is turned into the error too).
    """
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
        return image_format
    except Image.DecompressionBombWarning as warning:
        raise Image.DecompressionBombError(str(warning)) from warning
    except Image.DecompressionBombError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(position)


@deconstructible(path="common.uploads.UploadPolicy")
class UploadPolicy:
    """A file field's validator: which extensions it accepts, how large a file may be, and its wording.

    `extensions` must be a subset of KNOWN_EXTENSIONS (so SVG or HTML can never be allowed by mistake).
    `messages` may override any of DEFAULT_MESSAGES' keys with the wording the field has always used; the
    messages are formatted with name, types, extension, size and limit.
    Calling the policy with an upload (or a stored FieldFile) raises ValidationError or returns None; it reads
    the file's first bytes and puts its position back.
    """

    def __init__(self, *, extensions, max_bytes: int, messages: dict | None = None):
        unknown = set(extensions) - KNOWN_EXTENSIONS
        if unknown:
            raise ImproperlyConfigured(f"Uploads of {sorted(unknown)} cannot be checked by content.")
        self.extensions = frozenset(extensions)
        self.max_bytes = max_bytes
        self.messages = dict(messages or {})

    def __eq__(self, other):
        return (
            isinstance(other, UploadPolicy)
            and self.extensions == other.extensions
            and self.max_bytes == other.max_bytes
            and {k: str(v) for k, v in self.messages.items()} == {k: str(v) for k, v in other.messages.items()}
        )

    def __hash__(self):
        return hash((self.extensions, self.max_bytes))

    def _refuse(self, key: str, upload, extension: str) -> ValidationError:
        message = self.messages.get(key, DEFAULT_MESSAGES[key])
        return ValidationError(
            str(message)
            % {
                "name": getattr(upload, "name", "") or "",
                "types": ", ".join(sorted(self.extensions)),
                "extension": extension,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(self.max_bytes),
            }
        )

    def __call__(self, upload) -> None:
        extension = extension_of(getattr(upload, "name", "") or "")
        if extension not in self.extensions:
            raise self._refuse("wrong_type", upload, extension)
        if upload.size > self.max_bytes:
            raise self._refuse("too_big", upload, extension)
        if extension in IMAGE_FORMATS:
            try:
                found = _image_format(upload)
            except Image.DecompressionBombError as error:
                raise self._refuse("too_many_pixels", upload, extension) from error
            agrees = found == IMAGE_FORMATS[extension]
        elif extension in SIGNATURES:
            agrees = _head(upload, 8).startswith(SIGNATURES[extension])
        else:
            head = _head(upload, 1024).lower()
            agrees = not any(tag in head for tag in MARKUP)
        if not agrees:
            raise self._refuse("wrong_content", upload, extension)
