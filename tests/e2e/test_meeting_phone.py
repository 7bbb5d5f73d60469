"""A coordinator plans a meeting with a guest presenter from a 390 px phone, with axe-core and the Nu HTML
checker on every page visited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from common.models import Delivery
from events.models import AgendaItem, Meeting
from tests.e2e.test_directory import sign_in
from tests.factories import CoordinatorFactory, PendingUserFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_plans_a_meeting_with_a_guest_presenter(phone, checks):
    CoordinatorFactory(email="sokha@llc.example", display_name="Sokha Coordinator")
    UserFactory(display_name="Bopha Presenter")
    PendingUserFactory(display_name="Chenda Pending")
    sign_in(phone, "sokha@llc.example")
    day = timezone.localdate() + timedelta(days=14)

    phone.goto("/calendar/")
    phone.get_by_role("link", name="New meeting or workshop").click()
    phone.get_by_label("Title").fill("Telling our stories")
    phone.get_by_label("Start date").fill(day.isoformat())
    phone.get_by_label("Start time").fill("08:30")
    phone.get_by_label("End date").fill(day.isoformat())
    phone.get_by_label("End time").fill("10:00")
    checks.check("meeting-form")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(title="Telling our stories")

    phone.get_by_role("link", name="Edit agenda").click()
    phone.wait_for_url(f"**/meetings/{meeting.pk}/agenda/")
    presenters = phone.get_by_label("Presenter", exact=True).locator("option").all_inner_texts()
    assert "Bopha Presenter" in presenters and "Chenda Pending" not in presenters
    # A guest e-mail without a name: the page lands on the error summary.
    guest = phone.get_by_role("group", name="Guest presenter")
    phone.get_by_label("Title").fill("Radio and social media for NGOs")
    phone.get_by_label("Minutes").fill("30")
    guest.get_by_label("E-mail", exact=True).fill("sophea.lim@bbc-media-action.example")
    phone.get_by_role("button", name="Add to the agenda").click()
    phone.wait_for_url("**#form-errors")
    assert phone.locator("#form-errors").is_visible()
    checks.check("agenda-guest-error")

    guest = phone.get_by_role("group", name="Guest presenter")
    guest.get_by_label("Name", exact=True).fill("Sophea Lim")
    guest.get_by_label("Organisation", exact=True).fill("BBC Media Action")
    guest.get_by_label("Language of the e-mail").select_option("en")
    phone.get_by_role("button", name="Add to the agenda").click()
    phone.get_by_text("The item was added to the agenda.").wait_for()
    assert phone.get_by_text("Sophea Lim (BBC Media Action)").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-agenda-guest")
    checks.check("agenda")

    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.guest_name, item.guest_organisation) == ("Sophea Lim", "BBC Media Action")
    [message] = [m for m in mail.outbox if m.to == ["sophea.lim@bbc-media-action.example"]]
    assert message.subject.startswith("You are on the agenda: Telling our stories")
    assert Delivery.objects.get(address="sophea.lim@bbc-media-action.example").status == "sent"

    phone.goto(meeting.get_absolute_url())
    assert phone.get_by_text("Sophea Lim").first.is_visible()
    checks.check("meeting")
    checks.validate()
