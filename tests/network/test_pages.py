import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import ChallengeFactory, ReplyFactory

pytestmark = pytest.mark.django_db


def test_dashboard_greets_the_member_with_their_role(member_client, member):
    html = member_client.get(reverse("dashboard_detail")).content.decode()
    assert "Welcome, Dara Member" in html
    assert "<strong>Member</strong>" in html
    assert "Coordinator tasks" not in html


def test_dashboard_shows_coordinator_tasks(coordinator_client, pending_user):
    html = coordinator_client.get(reverse("dashboard_detail")).content.decode()
    assert "<strong>Network coordinator</strong>" in html
    assert 'class="badge">1<' in html


def test_dashboard_sends_anonymous_people_to_sign_in(client):
    response = client.get(reverse("dashboard_detail"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_page_shell_has_landmarks_and_skip_link(member_client):
    html = member_client.get(reverse("dashboard_detail")).content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert '<nav class="main-nav" aria-label="Main">' in html
    assert 'action="/accounts/logout/"' in html


def test_404_is_styled_and_plain(member_client):
    response = member_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_403_is_styled(member_client):
    response = member_client.get(reverse("members:invitation_list"))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.network.boom_urls", DEBUG=False)
def test_500_is_styled_without_a_stack_trace(member):
    client = Client(raise_request_exception=False)
    client.force_login(member)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "secret detail" not in response.content.decode()


def test_language_switch_to_khmer_is_remembered(member_client, member):
    response = member_client.post(reverse("members:language_set"), {"language": "km", "next": "/dashboard/"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "km"
    html = member_client.get(reverse("dashboard_detail")).content.decode()
    assert '<html lang="km">' in html
    assert "ផ្ទាំងព័ត៌មាន" in html  # "Dashboard"


def test_language_switch_ignores_unknown_languages_and_foreign_redirects(client):
    response = client.post(reverse("members:language_set"), {"language": "xx", "next": "https://evil.example/"})
    assert response.url == "/"
    assert "django_language" not in response.cookies


@pytest.mark.parametrize("language", ["en", "km"])
def test_language_picker_names_each_language_in_itself(client, language):
    client.cookies["django_language"] = language
    html = client.get(reverse("account_login")).content.decode()
    assert 'lang="km">ខ្មែរ</option>' in html
    assert 'lang="en">English</option>' in html


def test_user_text_carries_the_language_of_its_script(member_client, member):
    challenge = ChallengeFactory(author=member, title="ការរក្សាគ្រូបង្រៀនល្អៗ", body="How do we keep our best teachers?")
    ReplyFactory(challenge=challenge, body="យើងបង់ប្រាក់ខែទាន់ពេល។")
    html = member_client.get(challenge.get_absolute_url()).content.decode()
    assert '<h1 id="challenge-title" lang="km">ការរក្សាគ្រូបង្រៀនល្អៗ</h1>' in html
    assert '<div class="prose" lang="en"><p>How do we keep our best teachers?</p>' in html
    assert '<div class="prose" lang="km"><p>យើងបង់ប្រាក់ខែទាន់ពេល។</p>' in html


def test_anonymous_login_page_in_khmer(client):
    client.cookies["django_language"] = "km"
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="km">' in html


def test_security_headers(member_client):
    response = member_client.get(reverse("dashboard_detail"))
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
