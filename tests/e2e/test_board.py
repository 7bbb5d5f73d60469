from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Challenge, Notification, Reply
from tests.e2e.test_directory import sign_in
from tests.factories import AffiliationFactory, CoordinatorFactory, MeetingFactory, OrganisationFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_challenge_gets_peer_answers_is_found_and_goes_to_the_next_meeting(page, browser, live_server):
    school = OrganisationFactory(name="Siem Reap Learning Centre", focus_areas=["education"])
    AffiliationFactory(
        person__email="dara@ngo.example", person__display_name="Dara Kim", organisation=school, role="leader"
    )
    UserFactory(email="bopha@ngo.example", display_name="Bopha Ros")
    UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok")
    CoordinatorFactory(email="sokha@ngo.example")
    meeting = MeetingFactory(title="Monthly learning meeting", starts_at=timezone.now() + timedelta(days=8))

    # The leader posts a challenge.
    sign_in(page, "dara@ngo.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Challenges").click()
    page.get_by_role("link", name="Bring a challenge").click()
    page.get_by_label("Title").fill("How do we keep funding after our main donor leaves?")
    page.get_by_label("The challenge").fill("Our main donor pays **60%** of the budget and leaves next year.")
    page.get_by_label("On behalf of").select_option(label="Siem Reap Learning Centre")
    page.get_by_label("Education").check()
    page.get_by_role("button", name="Post the challenge").click()
    page.wait_for_url("**/challenges/*/")
    challenge = Challenge.objects.get()
    assert page.locator(".prose strong").first.inner_text() == "60%"

    # Two peers reply.
    for email, text in [
        ("bopha@ngo.example", "We built a monthly giving programme."),
        ("vuthy@ngo.example", "Map which costs suit which funders."),
    ]:
        context = browser.new_context(base_url=live_server.url)
        peer = context.new_page()
        sign_in(peer, email)
        peer.goto(challenge.get_absolute_url())
        peer.get_by_role("textbox", name="Your reply", exact=True).fill(text)
        peer.get_by_role("button", name="Send reply").last.click()
        peer.wait_for_url("**#reply-*")
        context.close()
    assert Reply.objects.count() == 2

    # The author sees the notifications and accepts one answer.
    page.goto("/dashboard/")
    assert "2 unread notifications" in page.locator(".site-header").inner_text()
    page.goto(challenge.get_absolute_url())
    assert "unread" not in page.locator(".site-header").inner_text()
    page.get_by_role("button", name="Accept this answer").first.click()
    page.wait_for_load_state()
    assert Reply.objects.get(is_accepted=True).body == "We built a monthly giving programme."
    assert "Answered" in page.locator(".challenge .status").first.inner_text()

    # It is found by search.
    page.goto("/challenges/?q=donor")
    assert page.get_by_role("link", name="How do we keep funding after our main donor leaves?").is_visible()

    # And proposed for the next meeting's agenda, which the coordinator accepts.
    page.goto(challenge.get_absolute_url())
    page.get_by_role("link", name="Propose for a meeting's agenda").click()
    page.get_by_label("Meeting").select_option(index=1)
    page.get_by_role("button", name="Propose for the agenda").click()
    page.wait_for_url(f"**/challenges/{challenge.pk}/")
    assert "Proposed for a meeting's agenda" in page.locator("main").inner_text()
    context = browser.new_context(base_url=live_server.url)
    coordinator = context.new_page()
    sign_in(coordinator, "sokha@ngo.example")
    coordinator.goto("/agenda-proposals/")
    coordinator.get_by_role("button", name="Add to the agenda").click()
    coordinator.wait_for_url("**/agenda-proposals/")
    context.close()
    page.goto(challenge.get_absolute_url())
    assert "On a meeting's agenda" in page.locator("main").inner_text()
    screenshot(page, "challenge-answered-and-scheduled")
    page.goto(meeting.get_absolute_url())
    assert "Challenge: How do we keep funding" in page.locator("#agenda + ol, .agenda").first.inner_text()
    assert Notification.objects.filter(kind="accepted").count() == 1
