import pytest
from django.test import RequestFactory

from common.http import safe_next_url


def posted(next_url: str, *, secure=False):
    return RequestFactory().post("/x/", {"next": next_url}, secure=secure)


@pytest.mark.parametrize("next_url", ["/communities/", "http://testserver/meetings/?month=2025-01"])
def test_an_address_on_this_site_is_followed(next_url):
    assert safe_next_url(posted(next_url), "/") == next_url


@pytest.mark.parametrize("next_url", ["", "https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_an_address_elsewhere_falls_back(next_url):
    assert safe_next_url(posted(next_url), "/fallback/") == "/fallback/"


def test_https_is_not_downgraded_to_http():
    assert safe_next_url(posted("http://testserver/", secure=True), "/") == "/"
    assert safe_next_url(posted("https://testserver/a/", secure=True), "/") == "https://testserver/a/"


@pytest.mark.parametrize("next_url", ["abc", "dashboard", "²", "a\x00b", "/a\nb", "99999999999999999999"])
def test_a_next_that_is_no_address_falls_back(next_url):
    # redirect() would take a bare word for the name of a URL pattern and fail.
    assert safe_next_url(posted(next_url), "/fallback/") == "/fallback/"
