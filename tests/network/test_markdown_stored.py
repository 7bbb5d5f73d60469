"""The board's Markdown is bounded when it is posted and rendered once, when it is saved; pages show the stored
HTML without rendering it again."""

import pytest
from django.urls import reverse

from common.fields import fill_markdown_html
from network import services
from network.models import Challenge, Reply, Resource
from tests.factories import ChallengeFactory, UserFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("network:challenge_create")


def post_data(**extra):
    return {"title": "Staff stress since COVID", "body": "Sick leave has **doubled**.", "client_key": "key-1", **extra}


def test_the_challenge_form_states_the_limit(member_client):
    assert "At most 20,000 characters." in member_client.get(CREATE).content.decode()


def test_a_megabyte_challenge_is_refused_and_the_title_kept(member_client):
    response = member_client.post(CREATE, post_data(body="word " * 200_000))
    html = response.content.decode()
    assert "Ensure this value has at most 20000 characters (it has 999999)." in html
    assert 'value="Staff stress since COVID"' in html
    assert not Challenge.objects.exists()


def test_a_bracket_bomb_is_refused_in_words(member_client):
    response = member_client.post(CREATE, post_data(body="[" * 3000 + "x" + "]" * 3000))
    assert "more than 32 levels deep. Simplify it." in response.content.decode()
    assert not Challenge.objects.exists()


def test_the_html_is_stored_when_posted_and_when_edited(member):
    challenge, _created = services.challenge_create(author=member, title="Stress", body="Sick leave has **doubled**.")
    assert Challenge.objects.get(pk=challenge.pk).body_html == "<p>Sick leave has <strong>doubled</strong>.</p>"
    services.challenge_update(challenge=challenge, by=member, title="Stress", body="Now *halved*.")
    assert Challenge.objects.get(pk=challenge.pk).body_html == "<p>Now <em>halved</em>.</p>"
    reply, _created = services.reply_create(challenge=challenge, author=UserFactory(), body="Try **walks**.")
    services.reply_update(reply=reply, by=reply.author, body="Try *walks*.")
    assert Reply.objects.get(pk=reply.pk).body_html == "<p>Try <em>walks</em>.</p>"


def test_the_page_shows_the_stored_html_without_rendering(member_client, member, monkeypatch):
    challenge, _created = services.challenge_create(author=member, title="Stress", body="Sick leave has **doubled**.")
    services.reply_create(challenge=challenge, author=UserFactory(), body="Try **walks**.")

    def no_rendering(text):
        raise AssertionError("a page rendered Markdown")

    monkeypatch.setattr("common.fields.render_markdown", no_rendering)
    html = member_client.get(challenge.get_absolute_url()).content.decode()
    assert "<strong>doubled</strong>" in html and "<strong>walks</strong>" in html


def test_rows_written_before_the_field_get_their_html(member):
    challenge = ChallengeFactory(author=member, body="**Old** text")
    resource = Resource.objects.create(kind="link", title="Guide", url="https://example.org", summary="*Read* it")
    Challenge.objects.update(body_html="")
    Resource.objects.update(summary_html="")
    fill_markdown_html(Challenge, ["body_html"])
    fill_markdown_html(Resource, ["summary_html"])
    assert Challenge.objects.get(pk=challenge.pk).body_html == "<p><strong>Old</strong> text</p>"
    assert Resource.objects.get(pk=resource.pk).summary_html == "<p><em>Read</em> it</p>"
