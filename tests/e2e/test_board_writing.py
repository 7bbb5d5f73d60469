"""Writing on the board from a phone: a preview that needs no script, keeps what was typed and saves nothing."""

import pytest

from network.models import Challenge, Reply
from tests.e2e.checks import DESKTOP
from tests.e2e.test_directory import sign_in
from tests.factories import ChallengeFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BODY = "What we tried:\n- monthly giving\n- a second donor\n\nThanks @bopha-ros for the idea."


def test_a_member_previews_a_challenge_then_posts_it_on_a_phone(phone, checks):
    UserFactory(email="dara@ngo.example", display_name="Dara Kim")
    bopha = UserFactory(email="bopha@ngo.example", display_name="Bopha Ros")
    sign_in(phone, "dara@ngo.example")
    phone.goto("/challenges/new/")
    phone.get_by_label("Title").fill("Our main donor leaves next year")
    phone.get_by_label("The challenge").fill(BODY)
    phone.get_by_role("button", name="Preview").click()
    phone.wait_for_url("**#preview")

    # The preview: a list, a link to the person mentioned, the text still in the form, nothing saved.
    preview = phone.locator("#preview")
    assert preview.locator("li").all_inner_texts() == ["monthly giving", "a second donor"]
    assert preview.get_by_role("link", name="@bopha-ros").get_attribute("href") == bopha.get_absolute_url()
    assert phone.get_by_label("The challenge").input_value() == BODY
    assert phone.get_by_label("Title").input_value() == "Our main donor leaves next year"
    assert not Challenge.objects.exists()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-board-preview")
    checks.check("challenge-preview")
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "desktop-board-preview")
    phone.set_viewport_size({"width": 390, "height": 844})

    phone.get_by_role("button", name="Post the challenge").click()
    phone.wait_for_url("**/challenges/*/")
    challenge = Challenge.objects.get()
    assert challenge.body == BODY.replace("\n", "\r\n") or challenge.body == BODY
    assert phone.get_by_role("button", name="Stop following").is_visible()
    assert phone.get_by_text("1 person follows this challenge").is_visible()
    checks.check("challenge")
    checks.validate()


def test_a_peer_previews_a_reply_on_a_phone(phone, checks):
    UserFactory(email="vuthy@ngo.example", display_name="Vuthy Sok")
    challenge = ChallengeFactory(title="Keeping teachers", body="How do we keep our best teachers?")
    sign_in(phone, "vuthy@ngo.example")
    phone.goto(challenge.get_absolute_url())
    assert phone.get_by_role("button", name="Follow", exact=True).is_visible()
    reply = phone.get_by_role("textbox", name="Your reply", exact=True)
    reply.fill("We did:\n- small raises\n- more training")
    phone.get_by_role("button", name="Preview").click()
    phone.wait_for_url("**#reply-preview")
    assert phone.locator("#reply-preview li").all_inner_texts() == ["small raises", "more training"]
    assert phone.get_by_role("textbox", name="Your reply", exact=True).input_value() == (
        "We did:\n- small raises\n- more training"
    )
    assert not Reply.objects.exists()
    screenshot(phone, "phone-reply-preview")
    checks.check("reply-preview")
    phone.get_by_role("button", name="Send reply").last.click()
    phone.wait_for_url("**#reply-*")
    assert Reply.objects.get().author.email == "vuthy@ngo.example"
    checks.validate()
