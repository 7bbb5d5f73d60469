"""What a receipt or a report photo may be; the checks themselves are common.uploads'.

Receipts are served with the type their name says, so the name must agree with the content.
"""

from django.utils.translation import gettext_lazy as _

from common.uploads import MB, UploadPolicy

RECEIPT_MAX_BYTES = 5 * MB
PHOTO_MAX_BYTES = 5 * MB
PHOTOS = {"png", "jpg", "jpeg", "webp"}
SIZE_REFUSAL = _("The file is %(size)s; the limit is %(limit)s.")
RECEIPT_REFUSAL = _("A receipt must be a PDF, or a PNG, JPEG or WebP image.")
PHOTO_REFUSAL = _("A photo must be a PNG, JPEG or WebP image.")

validate_receipt = UploadPolicy(
    extensions=PHOTOS | {"pdf"},
    max_bytes=RECEIPT_MAX_BYTES,
    messages={"wrong_type": RECEIPT_REFUSAL, "wrong_content": RECEIPT_REFUSAL, "too_big": SIZE_REFUSAL},
)
validate_photo = UploadPolicy(
    extensions=PHOTOS,
    max_bytes=PHOTO_MAX_BYTES,
    messages={"wrong_type": PHOTO_REFUSAL, "wrong_content": PHOTO_REFUSAL, "too_big": SIZE_REFUSAL},
)

DOCUMENT_MAX_BYTES = 10 * MB
DOCUMENT_REFUSAL = _(
    "A supporting document must be a PDF, an image (PNG, JPEG, WebP) or an office file (Word, Excel, OpenDocument)."
)
validate_document = UploadPolicy(
    extensions=PHOTOS | {"pdf", "doc", "docx", "odt", "xls", "xlsx", "ods"},
    max_bytes=DOCUMENT_MAX_BYTES,
    messages={"wrong_type": DOCUMENT_REFUSAL, "wrong_content": DOCUMENT_REFUSAL, "too_big": SIZE_REFUSAL},
)
