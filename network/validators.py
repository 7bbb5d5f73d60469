"""What a challenge attachment or a resource file may be; the checks themselves are common.uploads'."""

from common.uploads import IMAGES, MB, UploadPolicy

UPLOAD_MAX_BYTES = 10 * MB
UPLOAD_EXTENSIONS = IMAGES | {
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
}  # fmt: skip

# Documents and images only (PDF, Office and OpenDocument files, text, images), at most 10 MB.
validate_upload = UploadPolicy(extensions=UPLOAD_EXTENSIONS, max_bytes=UPLOAD_MAX_BYTES)
