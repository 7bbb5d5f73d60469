import pytest

from tests.factories import PASSWORD, AffiliationFactory, OrganisationFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def test_member_filters_the_directory_and_opens_an_organisation(page):
    UserFactory(email="dara@ngo.example")
    hac = OrganisationFactory(
        name="HelpAge Cambodia",
        slug="hac",
        acronym="HAC",
        focus_areas=["elderly-people"],
        regions=["kh-battambang"],
        mission="Inclusion of older people.",
    )
    AffiliationFactory(organisation=hac, person__display_name="Vuthy Sok", position="Programme officer")
    OrganisationFactory(name="Siem Reap Learning Centre", focus_areas=["education"], regions=["kh-siem-reap"])
    sign_in(page, "dara@ngo.example")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    page.get_by_role("heading", name="2 organisations").wait_for()  # click() does not wait for what it opens
    assert page.get_by_role("heading", name="2 organisations").is_visible()
    page.get_by_label("Focus area", exact=True).select_option(label="Elderly people")
    page.get_by_label("Region", exact=True).select_option(label="Battambang")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**focus_area=elderly-people**")
    assert page.get_by_role("heading", name="1 organisation").is_visible()
    screenshot(page, "directory-filtered")

    page.get_by_role("link", name="HelpAge Cambodia").click()
    page.wait_for_url("**/members/o/hac/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("HelpAge Cambodia")
    assert "Vuthy Sok, Programme officer" in page.locator("main").inner_text()
    screenshot(page, "organisation-page")
