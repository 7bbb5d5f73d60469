from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Attendance, Meeting, MeetingSeries, Rsvp
from tests.e2e.test_directory import sign_in
from tests.factories import AffiliationFactory, CoordinatorFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_the_monthly_meeting_and_a_member_answers(page, browser, live_server):
    CoordinatorFactory(email="sokha@ngo.example", display_name="Sokha Chan")
    colleague = AffiliationFactory(
        person__display_name="Dara Kim", organisation__name="Siem Reap Learning Centre"
    ).person
    UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok")
    first_date = (timezone.localdate() - timedelta(days=70)).replace(day=1)

    sign_in(page, "sokha@ngo.example")
    page.goto("/calendar/series/new/")
    page.get_by_label("Title").fill("Monthly learning meeting")
    page.get_by_label("Repeats").select_option(label="First Friday of every month")
    page.get_by_label("First date").fill(first_date.isoformat())
    page.get_by_label("Start time").fill("08:30")
    page.get_by_label("Duration in minutes").fill("90")
    page.get_by_label("Online meeting link").fill("https://meet.example/monthly")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/calendar/series/monthly-learning-meeting/")
    series = MeetingSeries.objects.get()
    assert series.meetings.count() >= 7

    # Edit the agenda of the next meeting.
    upcoming = series.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    next_meeting = upcoming[0]
    page.goto(f"/calendar/meetings/{next_meeting.pk}/agenda/")
    page.get_by_label("Title").fill("Coping and Stress Management During the Time of COVID")
    page.get_by_label("Minutes", exact=True).fill("40")
    page.get_by_role("button", name="Add to the agenda").click()
    page.get_by_label("Title").fill("News from members")
    page.get_by_role("button", name="Add to the agenda").click()
    page.get_by_role("button", name="Move “News from members” up").click()
    assert list(next_meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "News from members",
        "Coping and Stress Management During the Time of COVID",
    ]
    screenshot(page, "agenda-edit")

    # Move the meeting after it by one week.
    second = upcoming[1]
    new_day = (second.local_start + timedelta(days=7)).date()
    page.goto(f"/calendar/meetings/{second.pk}/edit/")
    page.get_by_label("Start date").fill(new_day.isoformat())
    page.get_by_label("End date").fill(new_day.isoformat())
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/calendar/meetings/{second.pk}/")
    second.refresh_from_db()
    assert second.local_start.date() == new_day and second.changed_by_hand and second.sequence == 1

    # Record attendance and publish the minutes of the last meeting held.
    held = series.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    page.goto(f"/calendar/meetings/{held.pk}/attendance/")
    page.get_by_label("Dara Kim").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(f"**/calendar/meetings/{held.pk}/")
    assert list(Attendance.objects.values_list("person", flat=True)) == [colleague.pk]
    page.goto(f"/calendar/meetings/{held.pk}/minutes/")
    page.get_by_label("Minutes").fill("## Decisions\n\n- Next talk: **funding sustainability**")
    page.get_by_label("Final").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/calendar/meetings/{held.pk}/")
    assert page.locator(".prose strong").inner_text() == "funding sustainability"
    screenshot(page, "meeting-held-with-minutes")

    # A member answers with an accessibility need.
    member_context = browser.new_context(base_url=live_server.url)
    member_page = member_context.new_page()
    sign_in(member_page, "vuthy@ngo.example")
    member_page.goto(f"/calendar/meetings/{next_meeting.pk}/")
    member_page.get_by_label("Yes, I will come").check()
    member_page.get_by_label("Sign language interpretation").check()
    member_page.get_by_role("button", name="Send my answer").click()
    assert "Thank you, your answer was saved." in member_page.locator(".messages").inner_text()
    answer = Rsvp.objects.get(meeting=next_meeting)
    assert (answer.response, answer.needs) == ("yes", ["sign_language"])
    screenshot(member_page, "meeting-rsvp-member")
    member_page.goto("/calendar/")
    screenshot(member_page, "calendar-month")
    member_context.close()
    assert Meeting.objects.filter(status="held").count() == 1
