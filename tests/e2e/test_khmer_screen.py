"""Khmer on screen: the vendored Noto Sans Khmer draws Khmer text where no Khmer font is installed,
only pages with Khmer text download it, and Khmer lines get room for stacked vowels."""

import pytest

from tests.e2e.test_directory import sign_in
from tests.factories import ChallengeFactory, ReplyFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FONT = "noto-sans-khmer-khmer-400-normal"


def font_requests(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url) if FONT in request.url else None)
    return requests


@pytest.mark.parametrize("width", [390, 1280])
def test_a_khmer_page_draws_with_the_khmer_font(browser, live_server, width):
    UserFactory(email="sokha@ngo.example", language="km")
    challenge = ChallengeFactory(
        title="ការរក្សាគ្រូបង្រៀនល្អៗនៅសាលាជនបទ", body="យើងត្រូវការគំនិតពីអង្គការដទៃទៀត។ How do others do it?"
    )
    ReplyFactory(challenge=challenge, body="Pay on time, and train them every term.")
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    requests = font_requests(page)
    sign_in(page, "sokha@ngo.example")
    page.goto(challenge.get_absolute_url())
    page.evaluate("document.fonts.ready")
    heading = page.locator("h1#challenge-title")
    assert heading.get_attribute("lang") == "km"
    assert page.locator(".reply .prose").get_attribute("lang") == "en"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer Web\"', 'ក')")
    assert any(FONT in url for url in requests)
    line_height = heading.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
    )
    assert round(line_height, 2) >= 1.6
    no_overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow
    screenshot(page, f"khmer-challenge-{width}")
    context.close()


def test_an_english_page_without_khmer_text_does_not_download_the_font(browser, live_server):
    UserFactory(email="dara@ngo.example")
    challenge = ChallengeFactory(title="Keeping good teachers in rural schools")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 900})
    page = context.new_page()
    requests = font_requests(page)
    sign_in(page, "dara@ngo.example")
    page.goto(challenge.get_absolute_url())
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    assert requests == []
    context.close()
