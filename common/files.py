"""The one way a private file leaves the server: `serve_private`, called by a view after it checked the rule.

    @permission_required("proposals.view_spending_proposal", fn=proposal_by_pk)
    def receipt(request, pk, expense_pk):
        expense = get_object_or_404(proposal_by_pk(request, pk).expenses, pk=expense_pk)
        return serve_private(request, expense.receipt, filename=f"receipt-{expense.pk}")

The rule is checked on every request and nothing about it is kept in the address, so a file stops being
served the moment its post is hidden or its reader leaves the community. In the quick start Django streams
the file; in production, with PRIVATE_MEDIA_ACCEL_REDIRECT set, the answer is empty and the web server sends
the file (nginx's X-Accel-Redirect into an `internal` location, or Apache's X-Sendfile).
"""

import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from .uploads import IMAGES, extension_of

# The type each accepted extension is served as; anything else is a download of unknown bytes.
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "rtf": "application/rtf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "key": "application/vnd.apple.keynote",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
UNKNOWN_TYPE = "application/octet-stream"
# What a browser may show in the page rather than save: images and PDF. Everything else is an attachment.
INLINE = IMAGES | {"pdf"}
MAX_NAME = 120
ACCEL_HEADERS = ("X-Accel-Redirect", "X-Sendfile")


def download_name(name: str, extension: str) -> str:
    """A file name for Content-Disposition: `name` without control characters, path separators or quotes,
    at most 120 characters, ending in `.extension` (added unless it already does)."""
    cleaned = "".join(" " if unicodedata.category(char)[0] in "CZ" or char in '/\\"' else char for char in name)
    cleaned = " ".join(cleaned.split()).strip(" .") or "file"
    suffix = f".{extension}" if extension else ""
    if suffix and cleaned.lower().endswith(suffix):
        cleaned = cleaned[: -len(suffix)]
    return f"{cleaned[: MAX_NAME - len(suffix)].rstrip(' .') or 'file'}{suffix}"


def serve_private(request, fieldfile, *, filename: str | None = None, as_attachment: bool = False) -> HttpResponse:
    """Answer with the stored file: the caller has already checked that the person may read it.

    The type comes from the extension the upload was validated with (never from the content or the
    original name); images and PDF are shown inline unless `as_attachment`, anything else is an attachment.
    `filename` (without extension) names the download; by default the stored name. Always sends
    `X-Content-Type-Options: nosniff` and `Cache-Control: private`. Raises Http404 when the field is empty or,
    when Django streams it, the file is missing.
    """
    if not fieldfile:
        raise Http404
    name = fieldfile.name
    extension = extension_of(name)
    content_type = CONTENT_TYPES.get(extension, UNKNOWN_TYPE)
    attachment = as_attachment or extension not in INLINE
    prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    if prefix:
        # The web server sends the file; the body stays empty.
        response = HttpResponse(content_type=content_type)
        response[settings.PRIVATE_MEDIA_ACCEL_HEADER] = prefix.rstrip("/") + "/" + quote(name)
    else:
        try:
            handle = fieldfile.storage.open(name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        attachment, download_name(filename or name.rsplit("/", 1)[-1], extension)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response
