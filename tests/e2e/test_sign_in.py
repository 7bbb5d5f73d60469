import pytest

from tests.factories import PASSWORD, CoordinatorFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_through_the_login_form(page):
    CoordinatorFactory(email="sokha@ngo.org", display_name="Sokha Chan")
    page.goto("/")
    assert page.url.endswith("/accounts/login/?next=/dashboard/")
    page.get_by_label("Email").fill("sokha@ngo.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Sokha Chan"
    assert "Network coordinator" in page.locator("main").inner_text()
    screenshot(page, "dashboard-coordinator")


def test_wrong_password_shows_a_message_in_the_browser(page):
    CoordinatorFactory(email="sokha@ngo.org")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("sokha@ngo.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert "are not correct" in page.locator(".form-errors").inner_text()
    assert page.get_by_label("Email").input_value() == "sokha@ngo.org"
    screenshot(page, "login-wrong-password")
