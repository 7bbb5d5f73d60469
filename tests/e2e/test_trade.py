"""Members doing business with each other, on a 390 px phone: an NGO leader finds a member's service and sends
an enquiry, the other organisation's leader replies; the coordinator reads the quarterly measure."""

from decimal import Decimal

import pytest

from members.enums import AffiliationRole, OfferCategory
from members.models import Region, RightsholderGroup
from members.services import offer_create, offer_photo_add
from network.demo.trade import woven_photo
from network.models import Enquiry, Notification
from tests.e2e.checks import DESKTOP
from tests.e2e.test_directory import sign_in
from tests.factories import AffiliationFactory, CoordinatorFactory, OrganisationFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def market(reference_data, private_media):
    cipl = OrganisationFactory(name="Conserve Indigenous Peoples Languages Organisation", acronym="CIPL")
    srey = AffiliationFactory(
        organisation=cipl,
        role=AffiliationRole.LEADER,
        person__email="srey@cipl.example",
        person__display_name="Srey Leak",
    ).person
    school = OrganisationFactory(name="Siem Reap Children's Learning Centre", acronym="SRCLC")
    AffiliationFactory(
        organisation=school,
        role=AffiliationRole.LEADER,
        person__email="dara@srclc.example",
        person__display_name="Dara Kim",
    )
    CoordinatorFactory(email="sokha@llc.example")
    for title, category in [
        ("Kuy handicrafts: woven scarves, baskets and bags", OfferCategory.HANDICRAFTS),
        ("Kuy interpreting and language lessons", OfferCategory.TRAINING),
    ]:
        offer = offer_create(
            organisation=cipl,
            by=srey,
            kind="offer",
            title=title,
            category=category,
            description="Made by Kuy women in Preah Vihear.\n\n- Orders of 10 to 200 pieces",
            price_min=Decimal("4"),
            price_max=Decimal("35"),
            currency="USD",
            price_note="per piece",
            languages=["km", "kdt"],
            regions=list(Region.objects.filter(slug="kh-preah-vihear")),
            rightsholder_groups=list(RightsholderGroup.objects.filter(slug="indigenous-peoples")),
        )
        if category == OfferCategory.HANDICRAFTS:
            offer_photo_add(offer=offer, by=srey, image=woven_photo(), description="A red woven scarf", is_public=True)
    return cipl


def test_a_leader_finds_a_members_service_sends_an_enquiry_and_gets_a_reply(
    phone, checks, browser, live_server, market
):
    # Dara, director of a school, looks for handicrafts in Preah Vihear.
    sign_in(phone, "dara@srclc.example")
    phone.get_by_text("Menu").click()
    phone.get_by_role("navigation", name="Main").first.get_by_role("link", name="Marketplace").click()
    phone.wait_for_url("**/members/offers/")
    phone.get_by_label("Category").select_option(label="Handicrafts and textiles")
    phone.get_by_label("Province served").select_option(label="Preah Vihear")
    phone.get_by_role("button", name="Apply").click()
    phone.wait_for_url("**/members/offers/?*")
    assert phone.locator(".results-count").inner_text() == "1 listing"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("marketplace")
    screenshot(phone, "phone-marketplace")

    phone.get_by_role("link", name="Kuy handicrafts: woven scarves, baskets and bags").click()
    phone.get_by_text("4–35 USD").wait_for()  # click() does not wait for what it opens
    assert phone.get_by_text("4–35 USD").is_visible()
    assert phone.get_by_role("img", name="A red woven scarf").evaluate("img => img.naturalWidth") == 480
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("offer")
    screenshot(phone, "phone-offer")

    # Sent empty, the form says so; then the enquiry goes.
    phone.get_by_role("link", name="Send an enquiry").click()
    phone.get_by_role("button", name="Send the enquiry").click()
    phone.get_by_text("This field is required.").first.wait_for()  # click() does not wait for what it opens
    assert phone.get_by_text("This field is required.").first.is_visible()
    checks.check("enquiry-error")
    phone.get_by_label("Your message").fill("We need 40 scarves for our graduation in June. What would they cost?")
    phone.get_by_role("button", name="Send the enquiry").click()
    phone.wait_for_url("**/enquiries/*/")
    enquiry = Enquiry.objects.get()
    assert enquiry.from_organisation.acronym == "SRCLC"
    assert phone.get_by_text("Your enquiry was sent to the leaders of").is_visible()

    # Srey, CIPL's leader, sees the notification on her phone and replies in the thread.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    srey = context.new_page()
    sign_in(srey, "srey@cipl.example")
    assert "1 unread notification" in srey.locator(".site-header").inner_text()
    srey.goto("/notifications/")
    srey.get_by_role(
        "button", name="Dara Kim sent an enquiry about “Kuy handicrafts: woven scarves, baskets and bags”"
    ).click()
    srey.wait_for_url(f"**/enquiries/{enquiry.pk}/")
    srey.get_by_label("Your reply").fill("Yes: 9 USD each with a card in Kuy and Khmer, ready by 20 May.")
    srey.get_by_role("button", name="Send the reply").click()
    srey.get_by_text("Your reply was sent.").wait_for()
    context.close()
    assert Notification.objects.filter(recipient=enquiry.author, kind="enquiry_reply").count() == 1

    # Dara reads the answer.
    phone.goto(enquiry.get_absolute_url())
    assert phone.get_by_text("Yes: 9 USD each with a card in Kuy and Khmer, ready by 20 May.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("enquiry-thread")
    screenshot(phone, "phone-enquiry-thread")

    # The coordinator counts the enquiries of the quarter: a chart, and a table beside it.
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    coordinator = context.new_page()
    sign_in(coordinator, "sokha@llc.example")
    coordinator.goto("/enquiries/report/")
    rows = coordinator.get_by_role("table").get_by_role("row")
    assert rows.last.inner_text().split("\t")[1:] == ["1", "1", "1", "1"]
    screenshot(coordinator, "desktop-enquiry-report")
    PageChecks = type(checks)
    report_checks = PageChecks(coordinator)
    report_checks.check("enquiry-report")
    context.close()
    checks.validate()
    report_checks.validate()


def test_the_marketplace_and_a_thread_in_khmer_on_a_phone(phone, checks, market):
    AffiliationFactory(
        organisation=OrganisationFactory(name="មជ្ឈមណ្ឌលសិក្សាកុមារសៀមរាប"),
        role=AffiliationRole.LEADER,
        person__email="sokha@srclc.example",
        person__display_name="សុខា ចាន់",
        person__language="km",
    )
    sign_in(phone, "sokha@srclc.example")
    phone.goto("/members/offers/")
    assert phone.locator("html").get_attribute("lang") == "km"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("marketplace-km")
    screenshot(phone, "phone-marketplace-km")
    offer = market.offers.get(category="handicrafts")
    phone.goto(f"/enquiries/ask/{offer.pk}/")
    phone.locator("#id_body").fill("សូមជម្រាបសួរ! យើងត្រូវការកន្សែងចំនួន ៤០ សម្រាប់ពិធីបញ្ចប់ការសិក្សា។")
    phone.locator("main form button.primary").click()
    phone.wait_for_url("**/enquiries/*/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("enquiry-thread-km")
    screenshot(phone, "phone-enquiry-thread-km")

    CoordinatorFactory(email="chenda@llc.example", language="km")
    phone.context.clear_cookies()
    sign_in(phone, "chenda@llc.example")
    phone.goto("/enquiries/report/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    checks.check("enquiry-report-km")
    screenshot(phone, "phone-enquiry-report-km")
    checks.validate()
