import io

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.uploads import IMAGES, MB, UploadPolicy

DOCUMENTS_AND_IMAGES = UploadPolicy(extensions=IMAGES | {"pdf", "docx", "txt"}, max_bytes=MB)


def png(size=(8, 8), mode="RGB", name="picture.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def refusal(policy, upload) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        policy(upload)
    return refused.value.messages


def test_a_real_small_png_and_pdf_are_accepted():
    DOCUMENTS_AND_IMAGES(png())
    DOCUMENTS_AND_IMAGES(SimpleUploadedFile("report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"))
    DOCUMENTS_AND_IMAGES(SimpleUploadedFile("notes.txt", "ក្រុមកុមារ: notes".encode()))


def test_the_file_is_read_from_where_it_was_left():
    upload = png()
    upload.seek(3)
    DOCUMENTS_AND_IMAGES(upload)
    assert upload.tell() == 3


def test_a_decompression_bomb_png_is_refused_before_it_is_decoded():
    bomb = png(size=(20000, 20000), mode="1", name="bomb.png")
    assert bomb.size < 100 * 1024  # a few kilobytes that would unpack into 400 million pixels
    assert refusal(DOCUMENTS_AND_IMAGES, bomb) == ["bomb.png is an image too large to open safely."]


def test_an_image_just_over_pillows_warning_limit_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    assert refusal(DOCUMENTS_AND_IMAGES, png(size=(120, 100), name="wide.png")) == [
        "wide.png is an image too large to open safely."
    ]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("page.htm", b"<html></html>"),
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("no-extension", b"%PDF-1.7"),
    ],
)
def test_svg_html_and_programs_are_refused_by_their_type(upload):
    assert refusal(DOCUMENTS_AND_IMAGES, upload) == [
        f"{upload.name} is not a document or image we accept. Allowed: docx, gif, jpeg, jpg, pdf, png, txt, webp."
    ]


@pytest.mark.parametrize(
    ("upload", "extension"),
    [
        (SimpleUploadedFile("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"), "pdf"),
        (SimpleUploadedFile("picture.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'), "png"),
        (png(name="picture.jpg"), "jpg"),
        (SimpleUploadedFile("letter.docx", b"%PDF-1.7"), "docx"),
        (SimpleUploadedFile("notes.txt", b"\xef\xbb\xbf  <HTML><body onload=alert(1)>"), "txt"),
    ],
)
def test_content_that_disagrees_with_the_extension_is_refused(upload, extension):
    assert refusal(DOCUMENTS_AND_IMAGES, upload) == [f"{upload.name} does not look like a .{extension} file."]


def test_a_file_over_its_size_is_refused_with_its_size():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (MB + 1024 * 1024))
    assert refusal(DOCUMENTS_AND_IMAGES, big) == ["big.pdf is 2.0\xa0MB; the limit is 1.0\xa0MB."]


def test_a_field_keeps_its_own_wording():
    policy = UploadPolicy(extensions={"png"}, max_bytes=MB, messages={"wrong_type": "A photo, please."})
    assert refusal(policy, SimpleUploadedFile("a.pdf", b"%PDF-1.7")) == ["A photo, please."]


def test_a_policy_cannot_allow_markup():
    with pytest.raises(ImproperlyConfigured):
        UploadPolicy(extensions={"png", "svg"}, max_bytes=MB)
    with pytest.raises(ImproperlyConfigured):
        UploadPolicy(extensions={"html"}, max_bytes=MB)
