"""Community-only posts: writing on them follows current membership. Whoever leaves the community stops
editing, replying, closing and accepting at the next request; the services refuse them too.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communities.models import Membership
from communities.services import membership_leave
from network import services
from network.enums import ChallengeStatus
from network.models import Challenge, Reply
from tests.factories import ChallengeFactory, CommunityFactory, ReplyFactory, UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db

BODY = "Our volunteers leave after three months."


@pytest.fixture
def community(db):
    return CommunityFactory(short_name="CoP-PwD")


@pytest.fixture
def author(community):
    person = UserFactory(display_name="Dara Kim")
    join(community, person)
    return person


@pytest.fixture
def peer(community):
    person = UserFactory(display_name="Sophea Chan")
    join(community, person)
    return person


@pytest.fixture
def challenge(community, author):
    return ChallengeFactory(author=author, community=community, title="Keeping volunteers", body=BODY)


@pytest.fixture
def reply(challenge, peer):
    return ReplyFactory(challenge=challenge, author=peer, body="We pay their travel.")


def leave(person, community):
    membership_leave(membership=Membership.objects.get(person=person, community=community), by=person)


def edit_url(challenge):
    return reverse("network:challenge_update", args=[challenge.pk])


def reply_edit_url(reply):
    return reverse("network:reply_update", args=[reply.challenge_id, reply.pk])


class TestTheAuthorWhoLeft:
    def test_no_longer_edits_closes_or_accepts_at_the_next_request(self, client, challenge, author, reply):
        client.force_login(author)
        assert client.get(edit_url(challenge)).status_code == 200

        leave(author, challenge.community)

        assert client.get(edit_url(challenge)).status_code == 403
        response = client.post(edit_url(challenge), {"title": "Mine", "body": "Rewritten."})
        assert response.status_code == 403
        status_url = reverse("network:challenge_set_status", args=[challenge.pk])
        assert client.post(status_url, {"status": ChallengeStatus.CLOSED}).status_code == 403
        accept_url = reverse("network:reply_accept", args=[challenge.pk, reply.pk])
        assert client.post(accept_url).status_code == 403
        challenge.refresh_from_db()
        reply.refresh_from_db()
        assert (challenge.title, challenge.body, challenge.status) == ("Keeping volunteers", BODY, "open")
        assert reply.is_accepted is False

    def test_a_current_member_author_still_edits(self, client, challenge, author):
        client.force_login(author)
        response = client.post(edit_url(challenge), {"title": "Keeping volunteers longer", "body": BODY})
        assert response.status_code == 302
        assert Challenge.objects.get(pk=challenge.pk).title == "Keeping volunteers longer"

    def test_the_services_refuse(self, challenge, author, reply):
        leave(author, challenge.community)
        with pytest.raises(ValidationError, match="Only its author may change this post"):
            services.challenge_update(challenge=challenge, by=author, title="Mine", body="Rewritten.")
        with pytest.raises(ValidationError, match="Only its author may change this post"):
            services.challenge_set_status(challenge=challenge, status=ChallengeStatus.CLOSED, by=author)
        with pytest.raises(ValidationError, match="Only the author of the challenge accepts answers"):
            services.reply_set_accepted(reply=reply, by=author)
        challenge.refresh_from_db()
        assert (challenge.title, challenge.status) == ("Keeping volunteers", ChallengeStatus.OPEN)

    def test_a_network_wide_challenge_stays_theirs(self, client, author, community):
        open_to_all = ChallengeFactory(author=author, title="For everyone", body=BODY)
        leave(author, community)
        client.force_login(author)
        assert client.post(edit_url(open_to_all), {"title": "For everyone, edited", "body": BODY}).status_code == 302
        assert Challenge.objects.get(pk=open_to_all.pk).title == "For everyone, edited"


class TestTheReplierWhoLeft:
    def test_no_longer_edits_or_replies(self, client, challenge, reply, peer):
        client.force_login(peer)
        assert client.get(reply_edit_url(reply)).status_code == 200

        leave(peer, challenge.community)

        assert client.get(reply_edit_url(reply)).status_code == 403
        assert client.post(reply_edit_url(reply), {"body": "Changed."}).status_code == 403
        reply_url = reverse("network:reply_create", args=[challenge.pk])
        assert client.post(reply_url, {"body": "One more thing.", "client_key": "k1"}).status_code == 403
        assert Reply.objects.get(pk=reply.pk).body == "We pay their travel."
        assert list(Reply.objects.filter(challenge=challenge)) == [reply]

    def test_a_current_member_still_edits_and_replies(self, client, challenge, reply, peer):
        client.force_login(peer)
        assert client.post(reply_edit_url(reply), {"body": "We pay travel and lunch."}).status_code == 302
        reply_url = reverse("network:reply_create", args=[challenge.pk])
        assert client.post(reply_url, {"body": "One more thing.", "client_key": "k1"}).status_code == 302
        assert Reply.objects.get(pk=reply.pk).body == "We pay travel and lunch."
        assert Reply.objects.filter(challenge=challenge).count() == 2

    def test_the_services_refuse(self, challenge, reply, peer):
        leave(peer, challenge.community)
        with pytest.raises(ValidationError, match="Only its author may change this post"):
            services.reply_update(reply=reply, by=peer, body="Changed.")
        with pytest.raises(ValidationError, match="Only those who may see this challenge may reply to it"):
            services.reply_create(challenge=challenge, author=peer, body="One more thing.")
        assert list(Reply.objects.values_list("body", flat=True)) == ["We pay their travel."]

    def test_nobody_else_edits_a_reply(self, reply, author):
        with pytest.raises(ValidationError, match="Only its author may change this post"):
            services.reply_update(reply=reply, by=author, body="Not mine.")
