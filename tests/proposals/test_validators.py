import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from proposals.validators import RECEIPT_MAX_BYTES, validate_photo, validate_receipt


def image(kind="PNG", name="scan.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_pdf_or_an_image_is_a_receipt():
    validate_receipt(SimpleUploadedFile("receipt.pdf", b"%PDF-1.7 ..."))
    validate_receipt(image("JPEG", "receipt.jpg"))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("receipt.pdf", b"<html>not a pdf</html>"),
        SimpleUploadedFile("receipt.exe", b"MZ\x90\x00"),
        image("GIF", "receipt.gif"),
        SimpleUploadedFile("receipt.html", b"%PDF-1.7 <script>alert(1)</script>"),
        image("PNG", "receipt.pdf"),
    ],
)
def test_anything_else_is_refused_by_its_content(upload):
    with pytest.raises(ValidationError, match="A receipt must be a PDF, or a PNG, JPEG or WebP image."):
        validate_receipt(upload)


def test_a_receipt_over_five_megabytes_is_refused_with_its_size():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (RECEIPT_MAX_BYTES + 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        validate_receipt(big)
    assert refused.value.messages == ["The file is 6.0\xa0MB; the limit is 5.0\xa0MB."]


def test_a_photo_is_an_image():
    validate_photo(image("WEBP", "photo.webp"))
    with pytest.raises(ValidationError, match="A photo must be a PNG, JPEG or WebP image."):
        validate_photo(SimpleUploadedFile("photo.png", b"%PDF-1.7"))
