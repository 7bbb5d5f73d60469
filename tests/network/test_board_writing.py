"""Writing on the board: previews that save nothing, @mentions as links, and follow buttons that say what they do."""

import pytest
from django.urls import reverse

from network import services
from network.models import Challenge, Reply
from tests.factories import ChallengeFactory, ReplyFactory, UserFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("network:challenge_create")


def detail(challenge):
    return reverse("network:challenge_detail", args=[challenge.pk])


class TestPreview:
    def test_preview_of_a_new_challenge_renders_it_keeps_the_text_and_saves_nothing(self, member_client):
        body = "What we tried:\n- monthly giving\n- a second donor"
        response = member_client.post(
            CREATE, {"title": "Donors leave", "body": body, "client_key": "k1", "preview": "1"}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert '<section class="card preview" id="preview"' in html
        assert "<li>monthly giving</li>" in html
        assert 'value="Donors leave"' in html
        assert ">\nWhat we tried:\n- monthly giving\n- a second donor</textarea>" in html
        assert 'value="k1"' in html
        assert not Challenge.objects.exists()

    def test_preview_says_what_is_missing_without_saving(self, member_client):
        response = member_client.post(CREATE, {"title": "", "body": "Only a body", "preview": "1"})
        assert response.status_code == 200
        assert "title" in response.context["form"].errors
        assert "<p>Only a body</p>" in response.content.decode()
        assert not Challenge.objects.exists()

    def test_preview_of_an_edit_changes_nothing(self, client, member):
        challenge = ChallengeFactory(author=member, title="Before", body="Old text")
        client.force_login(member)
        url = reverse("network:challenge_update", args=[challenge.pk])
        response = client.post(url, {"title": "After", "body": "New **text**", "preview": "1"})
        assert "<strong>text</strong>" in response.content.decode()
        challenge.refresh_from_db()
        assert (challenge.title, challenge.body, challenge.edited_at) == ("Before", "Old text", None)

    def test_someone_else_may_not_preview_an_edit(self, client, member):
        challenge = ChallengeFactory(author=member)
        client.force_login(UserFactory())
        url = reverse("network:challenge_update", args=[challenge.pk])
        assert client.post(url, {"title": "x", "body": "y", "preview": "1"}).status_code == 403

    def test_preview_of_a_reply_shows_it_above_the_form_and_sends_nothing(self, client, member):
        challenge = ChallengeFactory()
        client.force_login(member)
        url = reverse("network:reply_create", args=[challenge.pk])
        response = client.post(url, {"body": "We did:\n- a\n- b", "client_key": "r1", "preview": "1"})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="reply-preview"' in html
        assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html
        assert ">\nWe did:\n- a\n- b</textarea>" in html
        assert not Reply.objects.exists()
        assert not challenge.follows.filter(person=member).exists()

    def test_a_pending_person_may_not_preview_a_reply(self, client, pending_user):
        challenge = ChallengeFactory()
        client.force_login(pending_user)
        url = reverse("network:reply_create", args=[challenge.pk])
        assert client.post(url, {"body": "x", "preview": "1"}).status_code in (302, 403)
        assert not Reply.objects.exists()

    def test_hostile_preview_is_escaped(self, member_client):
        response = member_client.post(
            CREATE, {"title": "<script>x</script>", "body": "<script>alert(1)</script>", "preview": "1"}
        )
        assert response.status_code == 200
        assert "<script>" not in response.content.decode()


class TestMentions:
    def test_mentions_of_members_are_links_and_others_stay_text(self, member_client):
        dara = UserFactory(display_name="Dara Kim")
        challenge = ChallengeFactory(body="Ask @dara-kim or @nobody-here")
        ReplyFactory(challenge=challenge, body="Agree with @dara-kim")
        html = member_client.get(detail(challenge)).content.decode()
        link = f'<a href="{dara.get_absolute_url()}" rel="noopener noreferrer nofollow">@dara-kim</a>'
        assert html.count(link) == 2
        assert "@nobody-here" in html and 'nofollow">@nobody-here' not in html

    def test_a_mention_in_a_preview_links_too(self, member_client):
        dara = UserFactory(display_name="Dara Kim")
        response = member_client.post(CREATE, {"title": "T", "body": "cc @dara-kim", "preview": "1"})
        assert f'<a href="{dara.get_absolute_url()}" rel="noopener noreferrer nofollow">@dara-kim</a>' in (
            response.content.decode()
        )


class TestFollowLabels:
    def test_someone_who_does_not_follow_sees_follow_and_the_count_in_words(self, member_client):
        challenge = ChallengeFactory()
        for person in UserFactory.create_batch(2):
            services.challenge_toggle_follow(challenge=challenge, person=person)
        html = member_client.get(detail(challenge)).content.decode()
        assert '<button type="submit">Follow</button>' in html
        assert "2 people follow this challenge" in html
        assert "Unfollow" not in html

    def test_a_follower_sees_following_and_how_to_stop(self, client, member):
        challenge = ChallengeFactory()
        services.challenge_toggle_follow(challenge=challenge, person=member)
        client.force_login(member)
        html = client.get(detail(challenge)).content.decode()
        assert (
            '<span class="status">Following</span> · <button type="submit" class="small">Stop following</button>'
            in (html)
        )
        assert "1 person follows this challenge" in html


class TestRelativeTimes:
    def test_a_notification_of_seconds_ago_says_just_now_never_zero_minutes(self, client, member):
        from datetime import timedelta

        from django.utils import timezone

        from network.enums import NotificationKind
        from network.models import Notification

        for seconds in (0, 59):
            challenge = ChallengeFactory()
            Notification.objects.create(
                recipient=member,
                kind=NotificationKind.MENTION,
                actor=challenge.author,
                challenge=challenge,
                created_at=timezone.now() - timedelta(seconds=seconds),
            )
        client.force_login(member)
        html = client.get(reverse("network:notification_list")).content.decode()
        assert html.count(">just now</time>") == 2
        assert "0\xa0minutes" not in html and "0 minutes" not in html


class TestReplyEditPreview:
    def test_the_author_previews_an_edit_and_nothing_changes(self, client, member):
        reply = ReplyFactory(author=member, body="Old words")
        client.force_login(member)
        url = reverse("network:reply_update", args=[reply.challenge_id, reply.pk])
        assert 'name="preview"' in client.get(url).content.decode()
        response = client.post(url, {"body": "New:\n- one\n- two", "preview": "1"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
        assert ">\nNew:\n- one\n- two</textarea>" in html
        reply.refresh_from_db()
        assert (reply.body, reply.edited_at) == ("Old words", None)

    def test_someone_else_may_not_preview_an_edit_of_it(self, client, member):
        reply = ReplyFactory(author=member)
        client.force_login(UserFactory())
        url = reverse("network:reply_update", args=[reply.challenge_id, reply.pk])
        assert client.post(url, {"body": "x", "preview": "1"}).status_code == 403
