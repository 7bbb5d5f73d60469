"""The resource form offers, and the service accepts, only challenges, communities and meetings the person may
see: no titles of community-only or hidden challenges in its lists, no link shown on a page they cannot open.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from network import services
from network.models import Resource
from tests.factories import ChallengeFactory, CommunityFactory, MeetingFactory, ResourceFactory, UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db
NEW = reverse("network:resource_create")


@pytest.fixture
def cop(db):
    return CommunityFactory(name="Community of Practice on Disability", short_name="CoP-PwD")


@pytest.fixture
def private(cop):
    return ChallengeFactory(title="Only for CoP-PwD members", community=cop)


@pytest.fixture
def hidden(db):
    return ChallengeFactory(title="Hidden by a moderator", is_hidden=True, hidden_reason="Advert")


@pytest.fixture
def open_to_all(db):
    return ChallengeFactory(title="Open to the whole network")


@pytest.fixture
def cop_meeting(cop):
    return MeetingFactory(title="CoP-PwD quarterly", community=cop)


def link(**extra):
    return {"kind": "link", "title": "A guide", "url": "https://phish.example/login", **extra}


class TestAnOutsider:
    def test_the_form_lists_only_what_they_may_see(
        self, client_for, private, hidden, open_to_all, cop, cop_meeting, member
    ):
        MeetingFactory(title="Monthly learning meeting")
        form = client_for(member).get(NEW).context["form"]
        assert list(form.fields["challenge"].queryset) == [open_to_all]
        assert list(form.fields["community"].queryset) == []
        assert [m.title for m in form.fields["meeting"].queryset] == ["Monthly learning meeting"]
        html = client_for(member).get(NEW).content.decode()
        assert "Only for CoP-PwD members" not in html
        assert "Hidden by a moderator" not in html
        assert "CoP-PwD quarterly" not in html

    def test_cannot_attach_a_link_to_a_challenge_they_may_not_open(self, client_for, private, hidden, member):
        client = client_for(member)
        for challenge in (private, hidden):
            response = client.post(NEW, link(challenge=challenge.pk))
            assert response.status_code == 200
            assert "Select a valid choice" in response.content.decode()
        assert not Resource.objects.exists()
        page = client_for(private.author).get(private.get_absolute_url()).content.decode()
        assert "A guide" not in page

    def test_nor_to_a_community_or_a_meeting_not_theirs(self, client_for, cop, cop_meeting, member):
        client = client_for(member)
        assert "Select a valid choice" in client.post(NEW, link(community=cop.pk)).content.decode()
        assert "Select a valid choice" in client.post(NEW, link(meeting=cop_meeting.pk)).content.decode()
        assert not Resource.objects.exists()

    def test_the_service_refuses_too(self, private, hidden, cop, cop_meeting, member):
        for field, value, message in [
            ("challenge", private, "Choose a challenge you may open."),
            ("challenge", hidden, "Choose a challenge you may open."),
            ("community", cop, "Choose one of your communities."),
            ("meeting", cop_meeting, "Choose a meeting of the network or of your communities."),
        ]:
            with pytest.raises(ValidationError) as refused:
                services.resource_save(
                    by=member, kind="link", title="A guide", url="https://x.example/", **{field: value}
                )
            assert refused.value.message_dict == {field: [message]}
        assert not Resource.objects.exists()


class TestAMemberOfTheCommunity:
    def test_links_a_resource_to_its_challenge_community_and_meeting(self, client_for, private, cop, cop_meeting):
        person = UserFactory()
        join(cop, person)
        response = client_for(person).post(NEW, link(challenge=private.pk, community=cop.pk, meeting=cop_meeting.pk))
        assert response.status_code == 302
        resource = Resource.objects.get()
        assert (resource.challenge, resource.community, resource.meeting) == (private, cop, cop_meeting)

    def test_an_existing_link_stays_when_the_resource_is_edited(self, client_for, cop, private):
        person = UserFactory()
        join(cop, person)
        resource = ResourceFactory(created_by=person, challenge=private, community=cop)
        private.is_hidden = True
        private.save(update_fields=["is_hidden"])
        response = client_for(person).post(
            reverse("network:resource_update", args=[resource.pk]),
            link(title="A better guide", challenge=private.pk, community=cop.pk),
        )
        assert response.status_code == 302
        resource.refresh_from_db()
        assert (resource.title, resource.challenge) == ("A better guide", private)


def test_coordinators_see_every_community_but_no_hidden_challenge(coordinator_client, private, hidden, cop):
    form = coordinator_client.get(NEW).context["form"]
    assert list(form.fields["challenge"].queryset) == [private]
    assert list(form.fields["community"].queryset) == [cop]
