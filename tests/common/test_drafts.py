"""A form sent after the session ended keeps what was typed, and sign-in never lands on a POST-only URL."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from common import drafts
from events.models import Rsvp
from network.models import Follow, Reply
from tests.factories import ChallengeFactory, MeetingFactory, UserFactory
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db

KEPT = "We kept what you typed; check it and send it again."


def next_of(response) -> str:
    """The page sign-in leads back to, from a redirect to the sign-in page."""
    assert response.status_code == 302
    url = urlsplit(response.url)
    assert url.path == reverse("account_login")
    return parse_qs(url.query)["next"][0]


def sign_in(client, person, next_url):
    """Sign in through the real sign-in form, as the browser does after the redirect."""
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    assert response.url == next_url
    return client.get(response.url)


def expired_session(client, person, page):
    """A browser that showed `page` to `person`, whose session then ended."""
    client.force_login(person)
    assert client.get(page).status_code == 200
    client.session.flush()
    client.cookies.pop("sessionid", None)
    return client


def test_a_reply_typed_while_the_session_expired_is_back_in_the_form_after_sign_in(client, member):
    challenge = ChallengeFactory()
    page = challenge.get_absolute_url()
    expired_session(client, member, page)

    response = client.post(
        reverse("network:reply_create", args=[challenge.pk]), {"body": "We pay a <b>bonus</b> after a year."}
    )

    assert next_of(response) == page
    assert not Reply.objects.exists()
    html = sign_in(client, member, page).content.decode()
    assert KEPT in html
    assert ">\nWe pay a &lt;b&gt;bonus&lt;/b&gt; after a year.</textarea>" in html
    assert not Reply.objects.exists()
    # Restored once: the next visit shows an empty form again.
    again = client.get(page).content.decode()
    assert KEPT not in again
    assert "bonus" not in again


def test_a_reply_sent_after_signing_out_in_another_tab_is_kept(client, member):
    challenge = ChallengeFactory()
    page = challenge.get_absolute_url()
    client.force_login(member)
    client.get(page)
    client.post(reverse("account_logout"))

    response = client.post(reverse("network:reply_create", args=[challenge.pk]), {"body": "Mentoring helps."})

    assert next_of(response) == page
    assert ">\nMentoring helps.</textarea>" in sign_in(client, member, page).content.decode()


def test_an_rsvp_sent_after_the_session_expired_is_back_in_the_form(client, member):
    meeting = MeetingFactory()
    page = meeting.get_absolute_url()
    expired_session(client, member, page)

    response = client.post(
        reverse("events:rsvp_set", args=[meeting.pk]),
        {"response": "yes", "needs": ["sign_language"], "note": "Coming with a colleague"},
    )

    assert next_of(response) == page
    assert not Rsvp.objects.exists()
    html = sign_in(client, member, page).content.decode()
    assert KEPT in html
    assert 'name="response" value="yes" required id="id_response_0" checked>' in html
    assert 'name="needs" value="sign_language" id="id_needs_1" checked>' in html
    assert 'name="needs" value="captions" id="id_needs_0">' in html
    assert 'name="note" value="Coming with a colleague"' in html
    assert not Rsvp.objects.exists()


def test_follow_after_the_session_expired_signs_in_to_the_challenge_not_to_a_405(client, member):
    challenge = ChallengeFactory()
    page = challenge.get_absolute_url()
    expired_session(client, member, page)

    response = client.post(reverse("network:challenge_follow", args=[challenge.pk]))

    assert next_of(response) == page
    assert sign_in(client, member, page).status_code == 200
    assert not Follow.objects.exists()


def test_a_form_whose_csrf_token_expired_comes_back_filled_in(member):
    challenge = ChallengeFactory()
    page = challenge.get_absolute_url()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    browser.get(page)

    response = browser.post(
        reverse("network:reply_create", args=[challenge.pk]),
        {"body": "Typed before signing in again elsewhere.", "csrfmiddlewaretoken": "stale" * 8},
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 302
    assert response.url == page
    html = browser.get(page).content.decode()
    assert KEPT in html
    assert ">\nTyped before signing in again elsewhere.</textarea>" in html
    assert "stale" not in html
    assert not Reply.objects.exists()


def test_an_anonymous_form_with_an_expired_csrf_token_goes_through_sign_in(member):
    challenge = ChallengeFactory()
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        reverse("network:reply_create", args=[challenge.pk]),
        {"body": "Typed in a tab left open overnight.", "csrfmiddlewaretoken": "stale" * 8},
        HTTP_REFERER=f"http://testserver{challenge.get_absolute_url()}",
    )

    assert next_of(response) == challenge.get_absolute_url()
    browser.handler.enforce_csrf_checks = False  # the sign-in page gives the browser a fresh token
    html = sign_in(browser, member, challenge.get_absolute_url()).content.decode()
    assert ">\nTyped in a tab left open overnight.</textarea>" in html


def test_a_form_posted_from_another_site_leaves_no_draft(member):
    challenge = ChallengeFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(
        reverse("network:reply_create", args=[challenge.pk]),
        {"body": "Click this link"},
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 403
    assert drafts.SESSION_KEY not in browser.session
    assert "Click this link" not in browser.get(challenge.get_absolute_url()).content.decode()


def test_a_draft_keeps_no_csrf_token_no_password_and_no_file(rf):
    request = rf.post(
        "/x/",
        {"body": "text", "csrfmiddlewaretoken": "token", "password": "secret", "new_password1": "secret"},
    )
    request.session = {}
    assert drafts.draft_keep(request, page="/page/")
    assert request.session[drafts.SESSION_KEY]["/page/"]["data"] == {"body": ["text"]}


def test_a_draft_over_the_size_bound_is_not_kept(rf, client, member):
    challenge = ChallengeFactory()
    response = client.post(
        reverse("network:reply_create", args=[challenge.pk]), {"body": "x" * (drafts.MAX_CHARACTERS + 1)}
    )
    assert next_of(response) == challenge.get_absolute_url()
    assert drafts.SESSION_KEY not in client.session


def test_only_the_newest_drafts_are_kept(rf):
    request = rf.post("/x/", {"body": "text"})
    request.session = {}
    for number in range(drafts.MAX_DRAFTS + 2):
        request.session.setdefault(drafts.SESSION_KEY, {})
        drafts.draft_keep(request, page=f"/page/{number}/")
        request.session[drafts.SESSION_KEY][f"/page/{number}/"]["at"] -= drafts.MAX_DRAFTS + 2 - number
    assert sorted(request.session[drafts.SESSION_KEY]) == [
        f"/page/{number}/" for number in range(2, drafts.MAX_DRAFTS + 2)
    ]


def test_a_draft_older_than_its_age_limit_is_not_restored(client, member, monkeypatch):
    challenge = ChallengeFactory()
    page = challenge.get_absolute_url()
    client.post(reverse("network:reply_create", args=[challenge.pk]), {"body": "An old draft"})
    monkeypatch.setattr(drafts, "MAX_AGE", -1)
    other = UserFactory()
    assert "An old draft" not in sign_in(client, other, page).content.decode()


def test_a_form_sent_with_files_is_restored_with_a_word_that_files_are_not_kept(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = reverse("network:challenge_create")
    response = client.post(
        page,
        {
            "title": "Keeping teachers",
            "body": "How do you keep your best teachers?",
            "files": SimpleUploadedFile("notes.pdf", b"%PDF-1.4 notes", content_type="application/pdf"),
        },
    )
    assert next_of(response) == page
    html = sign_in(client, member, page).content.decode()
    assert f"{KEPT} Files are not kept: attach them again." in html
    assert 'value="Keeping teachers"' in html
