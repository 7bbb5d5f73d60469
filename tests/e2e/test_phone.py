"""The everyday journeys on a 390 px phone, with axe-core and the Nu HTML checker on every page visited."""

from decimal import Decimal

import pytest

from proposals.models import BudgetLine
from tests.e2e.test_directory import sign_in
from tests.factories import BudgetLineFactory, MeetingFactory, MembershipFactory, ProposalFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def in_view(page, selector):
    """Whether the element is within the visible part of the page."""
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top > -2 && r.top < window.innerHeight; }",
        selector,
    )


def test_a_member_answers_a_meeting_and_lands_on_the_error(phone, checks):
    UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok")
    meeting = MeetingFactory(title="Monthly learning meeting", description="Bring a story. " * 40)
    sign_in(phone, "vuthy@ngo.example")
    checks.check("dashboard")
    phone.goto(meeting.get_absolute_url())
    checks.check("meeting")

    # Sent without an answer: the page comes back at the summary, which links the question.
    phone.get_by_role("button", name="Send my answer").click()
    phone.wait_for_url("**#form-errors")
    assert in_view(phone, "#form-errors")
    summary = phone.locator("#form-errors")
    assert summary.get_by_role("link", name="Will you come?: This field is required.").is_visible()
    assert phone.get_by_role("group", name="Will you come?").is_visible()
    screenshot(phone, "phone-rsvp-error")
    checks.check("meeting-rsvp-error")

    phone.get_by_role("group", name="Will you come?").get_by_label("Yes").check()
    phone.get_by_role("group", name="Accessibility or language needs").get_by_label("Captions").check()
    phone.get_by_role("button", name="Send my answer").click()
    phone.get_by_text("Your answer: Yes").wait_for()  # click() does not wait for what it opens
    assert phone.get_by_text("Your answer: Yes").is_visible()
    checks.validate()


def test_an_author_edits_a_budget_line_on_a_phone(phone, checks):
    author = UserFactory(email="srey@cipl.example", display_name="Srey Leak")
    proposal = ProposalFactory(title="Voices of the forest", authors=[author])
    MembershipFactory(community=proposal.community, person=author)
    line = BudgetLineFactory(proposal=proposal, description="Hall for the exhibition", quantity=Decimal("2"))
    BudgetLineFactory(proposal=proposal, description="Exhibition panels")
    sign_in(phone, "srey@cipl.example")
    phone.goto(f"/proposals/{proposal.pk}/budget/")
    # Every action of every line is on screen without scrolling sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    edit = phone.get_by_role("link", name="Edit Hall for the exhibition")
    assert edit.bounding_box()["x"] + edit.bounding_box()["width"] <= 390
    remove = phone.get_by_role("button", name="Remove Exhibition panels")
    assert remove.bounding_box()["x"] + remove.bounding_box()["width"] <= 390
    screenshot(phone, "phone-budget")
    checks.check("budget")

    edit.click()
    phone.get_by_label("Quantity").fill("")
    phone.get_by_role("button", name="Save").click()
    assert in_view(phone, "#form-errors")
    checks.check("budget-line-error")
    phone.get_by_label("Quantity").fill("3")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url(f"**/proposals/{proposal.pk}/budget/**")
    line.refresh_from_db()
    assert line.quantity == Decimal("3")

    remove.click()
    phone.wait_for_url(f"**/proposals/{proposal.pk}/budget/**")
    assert list(BudgetLine.objects.filter(proposal=proposal).values_list("description", flat=True)) == [
        "Hall for the exhibition"
    ]
    checks.validate()


def test_a_member_subscribes_to_the_calendar_from_a_phone(phone, checks):
    UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok")
    MeetingFactory(title="Monthly learning meeting")
    sign_in(phone, "vuthy@ngo.example")

    # The menu opens without a script; Escape closes it and gives focus back.
    phone.get_by_text("Menu", exact=True).click()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar").click()
    phone.wait_for_url("**/calendar/")
    screenshot(phone, "phone-calendar")
    checks.check("calendar")
    phone.get_by_text("Vuthy Sok", exact=True).click()
    phone.get_by_role("link", name="Preferences").wait_for()  # click() does not wait for what it opens
    assert phone.get_by_role("link", name="Preferences").is_visible()
    phone.keyboard.press("Escape")
    assert not phone.get_by_role("link", name="Preferences").is_visible()

    phone.get_by_role("link", name="Add to my calendar").click()
    subscribe = phone.get_by_role("link", name="Subscribe on this phone or computer")
    assert subscribe.get_attribute("href").startswith("webcal://")
    assert (
        phone.get_by_role("link", name="Add to Google Calendar")
        .get_attribute("href")
        .startswith("https://calendar.google.com/calendar/r?cid=webcal")
    )
    assert phone.get_by_role("button", name="Copy the address").is_visible()
    screenshot(phone, "phone-calendar-subscribe")
    checks.check("subscribe")
    checks.validate()
