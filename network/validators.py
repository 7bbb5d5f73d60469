from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_EXTENSIONS = {
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
    "png", "jpg", "jpeg", "gif", "webp",
}  # fmt: skip
# What a file's first bytes must look like for its extension: a renamed program is refused.
MAGIC = {
    "pdf": [b"%PDF"],
    "png": [b"\x89PNG"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "gif": [b"GIF8"],
    "webp": [b"RIFF"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"], "pptx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"], "ods": [b"PK\x03\x04"], "odp": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0"], "xls": [b"\xd0\xcf\x11\xe0"], "ppt": [b"\xd0\xcf\x11\xe0"],
}  # fmt: skip


def validate_upload(upload) -> None:
    """Documents and images only (PDF, Office and OpenDocument files, images), at most 10 MB."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in UPLOAD_EXTENSIONS:
        raise ValidationError(
            _("%(name)s is not a document or image we accept. Allowed: %(types)s.")
            % {"name": name, "types": ", ".join(sorted(UPLOAD_EXTENSIONS))}
        )
    if upload.size > UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(UPLOAD_MAX_BYTES)}
        )
    signatures = MAGIC.get(extension)
    if signatures:
        position = upload.tell()
        head = upload.read(8)
        upload.seek(position)
        if not any(head.startswith(signature) for signature in signatures):
            raise ValidationError(
                _("%(name)s does not look like a .%(extension)s file.") % {"name": name, "extension": extension}
            )
