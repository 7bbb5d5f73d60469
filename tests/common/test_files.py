"""serve_private: the one way a private file is answered, streamed by Django or handed to the web server."""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.test import RequestFactory

from common.fields import PrivateFieldFile
from common.files import download_name, serve_private
from common.storage import private_storage, unguessable_name


@pytest.fixture
def stored(private_media):
    """A file saved in the private storage, as a field's file would be: stored(original_name, content)."""

    def store(original_name: str, content: bytes) -> PrivateFieldFile:
        storage = private_storage()
        name = storage.save(unguessable_name("things", original_name), ContentFile(content))
        return PrivateFieldFile(None, SimpleNamespace(storage=storage, name="file"), name)

    return store


def get(fieldfile, **kwargs):
    return serve_private(RequestFactory().get("/"), fieldfile, **kwargs)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_pdf_is_streamed_inline_with_safe_headers(stored):
    response = get(stored("Budget 2024.pdf", b"%PDF-1.4 budget"), filename="Kuy voices budget")
    assert isinstance(response, FileResponse)
    assert response.status_code == 200
    assert body(response) == b"%PDF-1.4 budget"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Kuy voices budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert response["Content-Length"] == "15"


def test_an_image_is_shown_inline_under_its_type(stored):
    response = get(stored("stage.webp", b"RIFF....WEBP"), filename="photo-7")
    assert response["Content-Type"] == "image/webp"
    assert response["Content-Disposition"] == 'inline; filename="photo-7.webp"'


@pytest.mark.parametrize(
    ("original", "content_type"),
    [
        ("notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("plan.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("talk.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("list.csv", "text/csv; charset=utf-8"),
        ("readme.txt", "text/plain; charset=utf-8"),
        ("strange.xyz", "application/octet-stream"),
        ("no-extension", "application/octet-stream"),
    ],
)
def test_anything_but_an_image_or_a_pdf_is_an_attachment(stored, original, content_type):
    response = get(stored(original, b"PK\x03\x04 data"), filename="Minutes")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="Minutes')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_can_be_asked_for_as_an_attachment(stored):
    response = get(stored("guide.pdf", b"%PDF-1.4"), filename="Guide", as_attachment=True)
    assert response["Content-Disposition"] == 'attachment; filename="Guide.pdf"'


def test_without_a_filename_the_download_is_named_after_the_stored_file(stored):
    fieldfile = stored("guide.pdf", b"%PDF-1.4")
    response = get(fieldfile)
    assert response["Content-Disposition"] == f'inline; filename="{fieldfile.name.rsplit("/", 1)[-1]}"'


def test_a_khmer_name_is_sent_encoded(stored):
    response = get(stored("a.pdf", b"%PDF-1.4"), filename="ថវិកា")
    assert (
        response["Content-Disposition"] == "inline; filename*=utf-8''%E1%9E%90%E1%9E%9C%E1%9E%B7%E1%9E%80%E1%9E%B6.pdf"
    )


def test_the_web_server_sends_the_file_when_x_accel_redirect_is_set(stored, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
    fieldfile = stored("receipt.pdf", b"%PDF-1.4 receipt")
    response = get(fieldfile, filename="receipt-3")
    assert not response.streaming
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{fieldfile.name}"
    assert "X-Sendfile" not in response
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="receipt-3.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"


def test_apache_gets_x_sendfile_with_the_path_on_disk(stored, settings, private_media):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = f"{private_media}/"
    settings.PRIVATE_MEDIA_ACCEL_HEADER = "X-Sendfile"
    fieldfile = stored("receipt.pdf", b"%PDF-1.4 receipt")
    response = get(fieldfile)
    assert response.content == b""
    assert response["X-Sendfile"] == f"{private_media}/{fieldfile.name}"
    assert "X-Accel-Redirect" not in response


def test_an_empty_field_or_a_missing_file_is_not_found(stored):
    fieldfile = stored("gone.pdf", b"%PDF-1.4")
    fieldfile.storage.delete(fieldfile.name)
    with pytest.raises(Http404):
        get(fieldfile)
    fieldfile.name = ""
    with pytest.raises(Http404):
        get(fieldfile)


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Guide", "pdf", "Guide.pdf"),
        ("guide.PDF", "pdf", "guide.pdf"),
        ('Line one\r\nX-Injected: "yes"', "pdf", "Line one X-Injected: yes.pdf"),
        ("../../etc/passwd", "txt", "etc passwd.txt"),
        ("\x00\t", "png", "file.png"),
        ("ផែនការ ២០២៤", "docx", "ផែនការ ២០២៤.docx"),
        ("x" * 300, "pdf", "x" * 116 + ".pdf"),
        ("Minutes", "", "Minutes"),
    ],
)
def test_download_names_are_safe_in_a_header(name, extension, expected):
    assert download_name(name, extension) == expected
