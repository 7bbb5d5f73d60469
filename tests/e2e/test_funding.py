"""A member finds a funding opportunity on a phone, forms a consortium with two other organisations (their
leaders accept) and records the outcome; axe-core at 390 and 1280 px and the Nu checker on every page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from members.enums import AffiliationRole
from members.models import FocusArea
from network.models import Consortium, FundingOpportunity
from tests.e2e.checks import DESKTOP, PHONE
from tests.e2e.test_directory import sign_in
from tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit(page, button):
    """Press a form's button and wait for the page it leads to (often the same address with another fragment)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def leader(email, name, organisation, language="en"):
    return AffiliationFactory(
        person=UserFactory(email=email, display_name=name, language=language),
        organisation=organisation,
        role=AffiliationRole.LEADER,
        position="Director",
    ).person


@pytest.fixture
def ilo_call(reference_data):
    call = FundingOpportunity.objects.create(
        donor="International Labour Organization (ILO)",
        title="Decent Employment for Youth and Persons with Disabilities",
        url="https://www.ilo.org/",
        deadline=timezone.localdate() + timedelta(days=24),
        amount_min=Decimal("20000"),
        amount_max=Decimal("60000"),
        currency="USD",
        summary="Skills, job placement and **social security** registration for informal workers.",
        how_to_apply="1. Send a concept note.\n2. Shortlisted applicants send a full proposal.",
    )
    call.themes.set(FocusArea.objects.filter(slug__in=["labour-rights", "disability"]))
    FundingOpportunity.objects.create(
        donor="EU", title="Civil society grants 2025", deadline=timezone.localdate() - timedelta(days=3)
    )
    return call


def test_a_member_finds_a_call_forms_a_consortium_of_three_and_records_the_outcome(
    phone, checks, browser, live_server, ilo_call
):
    idea = OrganisationFactory(name="Independent Democratic Informal Economy Association", acronym="IDEA")
    cfswf = OrganisationFactory(name="Cambodian Food and Service Workers Federation", acronym="CFSWF")
    aua = OrganisationFactory(name="ARV Users Association", acronym="AUA")
    leader("samphous@ngo.example", "Von Samphous", idea)
    leader("malay@ngo.example", "Tim Malay", cfswf)
    leader("narom@ngo.example", "Narom Chhun", aua)

    # Found through the menu and a theme filter; the closed call is not in the open list.
    sign_in(phone, "samphous@ngo.example")
    phone.get_by_text("Menu", exact=True).click()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Funding").click()
    phone.wait_for_url("**/funding/")
    assert "Civil society grants 2025" not in phone.locator("main").inner_text()
    phone.get_by_label("Theme").select_option(label="Disability")
    phone.get_by_role("button", name="Apply").click()
    phone.wait_for_url("**/funding/?*")
    screenshot(phone, "phone-funding-list")
    checks.check("funding-list")
    phone.get_by_role("link", name="Decent Employment for Youth and Persons with Disabilities").click()
    assert "20,000.00 USD to 60,000.00 USD" in phone.locator("main").inner_text()
    checks.check("opportunity")

    # IDEA forms a consortium and invites two partners.
    phone.get_by_role("button", name="Form a consortium").click()
    phone.wait_for_url("**/consortia/*/")
    consortium = Consortium.objects.get()
    for organisation, role in [
        ("Cambodian Food and Service Workers Federation", "Outreach to food and service workers"),
        ("ARV Users Association", "Peer educators"),
    ]:
        phone.get_by_role("combobox", name="Organisation").select_option(label=organisation)
        phone.get_by_label("Role in the consortium").fill(role)
        submit(phone, "Send the invitation")
    assert phone.locator("main").inner_text().count("Invited") == 2

    # Each partner's leader finds the invitation and accepts.
    for email in ("malay@ngo.example", "narom@ngo.example"):
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        partner = context.new_page()
        sign_in(partner, email)
        partner.goto("/funding/")
        partner.get_by_role("link", name="Decent Employment for Youth and Persons with Disabilities").first.click()
        partner.wait_for_url("**/consortia/*/")
        if email == "malay@ngo.example":
            screenshot(partner, "phone-consortium-invitation")
        submit(partner, "Accept")
        context.close()
    assert sorted(consortium.partners.values_list("status", flat=True)) == ["accepted"] * 3

    # The lead plans a step, writes to the partners and, later, records the win.
    phone.reload()
    phone.get_by_text("Add a step").click()
    phone.locator("#id_title").fill("Concept note (2 pages)")
    phone.get_by_label("Owner").select_option(label="Tim Malay")
    submit(phone, "Add the step")
    phone.get_by_label("Message").fill("Thank you both for joining. Target numbers by **Friday**, please.")
    submit(phone, "Post the message")
    assert phone.locator(".prose strong").last.inner_text() == "Friday"
    screenshot(phone, "phone-consortium-space")
    checks.check("consortium")

    # A win without its amount is refused, and the page lands on the error.
    phone.get_by_role("group", name="Outcome").get_by_label("Won").check()
    phone.get_by_role("button", name="Save the outcome").click()
    phone.wait_for_url("**#form-errors")
    assert phone.locator("#form-errors").get_by_role("link", name="Amount won: Enter the amount won.").is_visible()
    checks.check("outcome-error")
    phone.get_by_label("Amount won").fill("45000")
    phone.get_by_label("Lessons").fill("Agree the budget split early.")
    submit(phone, "Save the outcome")
    assert "45,000.00 USD" in phone.locator("main").inner_text()
    consortium.refresh_from_db()
    assert (consortium.outcome, consortium.amount_won) == ("won", Decimal("45000.00"))
    screenshot(phone, "phone-consortium-won")
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "desktop-consortium-won")
    phone.goto("/funding/?when=closed")
    assert "Civil society grants 2025" in phone.locator("main").inner_text()
    screenshot(phone, "desktop-funding-closed")
    checks.check("funding-closed")
    checks.validate()


def test_the_funding_pages_read_in_khmer_on_a_phone(phone, checks, ilo_call):
    idea = OrganisationFactory(name="សមាគមសេដ្ឋកិច្ចក្រៅប្រព័ន្ធ", acronym="IDEA")
    leader("samphous@ngo.example", "វន់ សំផូស", idea, language="km")
    sign_in(phone, "samphous@ngo.example")
    phone.goto("/funding/")
    assert phone.locator("html").get_attribute("lang") == "km"
    screenshot(phone, "phone-funding-list-km")
    checks.check("funding-list-km")
    phone.goto(ilo_call.get_absolute_url())
    phone.locator("form[action$='/consortia/new/'] button").click()
    phone.wait_for_url("**/consortia/*/")
    screenshot(phone, "phone-consortium-km")
    checks.check("consortium-km")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "desktop-consortium-km")
    checks.validate()
