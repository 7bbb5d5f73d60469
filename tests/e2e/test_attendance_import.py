"""A coordinator imports last meeting's Zoom participants report on a 390 px phone: uploads it, gives the
misspelt name its person, saves, and sees the minutes; axe-core and the Nu HTML checker on every page visited,
and the pages seen in Khmer."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from events.models import Attendance, GuestAttendance
from members.models import User
from network.demo.attendance import ZOOM_REPORT
from tests.e2e.test_directory import sign_in
from tests.factories import AffiliationFactory, CoordinatorFactory, OrganisationFactory, PastMeetingFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_imports_a_zoom_report_on_a_phone(phone, checks):
    CoordinatorFactory(email="coordinator@demo.example", display_name="Sokha Chan")
    AffiliationFactory(person__display_name="Dara Kim", organisation__acronym="SRCLC")
    narom = UserFactory(display_name="Narom Chhun", email="narom@demo.example")
    UserFactory(display_name="Vuthy Sok", email="member@demo.example")
    OrganisationFactory(name="Angkor Girls' Education Fund", acronym="AGEF")
    meeting = PastMeetingFactory(title="Monthly learning meeting")
    sign_in(phone, "coordinator@demo.example")

    phone.goto(meeting.get_absolute_url())
    phone.get_by_role("link", name="Import from the online meeting's report").click()
    phone.wait_for_url(f"**/meetings/{meeting.pk}/attendance/import/")
    checks.check("attendance-import")
    phone.get_by_label("Participants report").set_input_files(str(ZOOM_REPORT))
    phone.get_by_role("button", name="Read the report").click()
    phone.wait_for_url(f"**/meetings/{meeting.pk}/attendance/import/check/")
    assert "It looks like a Zoom report." in phone.locator("main").inner_text()

    # The recording bot is left out; "Narom Chun" is Narom Chhun.
    phone.get_by_label("Include Otter.ai").uncheck()
    phone.get_by_label("Who is Narom Chun?").select_option(str(narom.pk))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-attendance-import-check")
    checks.check("attendance-import-check")
    phone.get_by_role("button", name="Save attendance").click()
    phone.wait_for_url(f"**/meetings/{meeting.pk}/attendance/")
    assert "Attendance imported: 4 people with an account and 7 guests." in phone.locator(".messages").inner_text()

    assert sorted(Attendance.objects.values_list("person__display_name", "minutes_present")) == [
        ("Dara Kim", 93),
        ("Narom Chhun", 75),
        ("Sokha Chan", 104),
        ("Vuthy Sok", 92),
    ]
    assert not GuestAttendance.objects.filter(name="Otter.ai").exists()
    assert GuestAttendance.objects.get(name="Dara Chan").organisation_name == "AGEF"
    assert phone.get_by_role("table", name="Recorded as present").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-attendance-minutes")
    checks.check("attendance-minutes")
    checks.validate()

    # The same pages in Khmer.
    User.objects.filter(email="coordinator@demo.example").update(language="km")
    phone.goto(f"/calendar/meetings/{meeting.pk}/attendance/import/")
    phone.locator("input[type=file]").set_input_files(str(ZOOM_REPORT))
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/meetings/{meeting.pk}/attendance/import/check/")
    with translation.override("km"):
        assert gettext("Save attendance") in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-attendance-import-check-km")
    phone.goto(f"/calendar/meetings/{meeting.pk}/attendance/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-attendance-minutes-km")
