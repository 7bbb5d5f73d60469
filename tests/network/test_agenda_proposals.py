"""A member proposes their challenge for a meeting's agenda; those who run the meeting (coordinators, and a
community's facilitators for its meetings) are told, and accept or decline. Nothing reaches the agenda before.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import AgendaItem
from network import services
from network.enums import AgendaProposalStatus, NotificationKind
from network.models import AgendaProposal, ChallengeAgendaLink, Notification
from tests.factories import (
    ChallengeFactory,
    CommunityFactory,
    CoordinatorFactory,
    FacilitatorMembershipFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop(db):
    return CommunityFactory(short_name="CoP-PwD")


@pytest.fixture
def facilitator(cop):
    return FacilitatorMembershipFactory(community=cop, person__display_name="Norah Lay").person


@pytest.fixture
def author(cop):
    return MembershipFactory(community=cop, person__display_name="Dara Kim").person


@pytest.fixture
def network_meeting(db):
    return MeetingFactory(title="Monthly learning meeting")


@pytest.fixture
def cop_meeting(cop):
    return MeetingFactory(title="CoP-PwD quarterly", community=cop)


@pytest.fixture
def challenge(author):
    return ChallengeFactory(author=author, title="Sign language at meetings")


def schedule_url(challenge):
    return reverse("network:challenge_schedule", args=[challenge.pk])


def decide(client, proposal, decision):
    return client.post(reverse("network:agenda_proposal_decide", args=[proposal.pk]), {"decision": decision})


def notified(kind, **filters):
    return sorted(n.recipient.name for n in Notification.objects.filter(kind=kind, **filters))


class TestProposing:
    def test_the_author_proposes_nothing_reaches_the_agenda_and_the_coordinators_are_told(
        self, client_for, challenge, network_meeting, facilitator
    ):
        first, second = CoordinatorFactory(display_name="Sokha"), CoordinatorFactory(display_name="Vanna")
        response = client_for(challenge.author).post(
            schedule_url(challenge), {"meeting": network_meeting.pk, "duration_minutes": 15}
        )
        assert response.status_code == 302
        proposal = AgendaProposal.objects.get()
        assert (proposal.challenge, proposal.meeting, proposal.proposed_by) == (
            challenge,
            network_meeting,
            challenge.author,
        )
        assert (proposal.status, proposal.duration_minutes) == (AgendaProposalStatus.PENDING, 15)
        assert not AgendaItem.objects.exists()
        assert not ChallengeAgendaLink.objects.exists()
        assert notified(NotificationKind.AGENDA_PROPOSED, meeting=network_meeting) == ["Sokha", "Vanna"]
        notification = Notification.objects.filter(recipient=first).get()
        assert notification.url == reverse("network:agenda_proposal_list")
        bell = client_for(first).get(reverse("network:notification_list")).content.decode()
        assert "Dara Kim proposed “Sign language at meetings” for the agenda of Monthly learning meeting" in bell
        # The author sees that it waits; the meeting's agenda does not show it.
        page = client_for(challenge.author).get(challenge.get_absolute_url()).content.decode()
        assert "Proposed for a meeting's agenda" in page
        assert (
            "Sign language at meetings"
            not in client_for(second).get(network_meeting.get_absolute_url()).content.decode()
        )

    def test_for_a_community_meeting_its_facilitators_are_told(self, client_for, cop, cop_meeting, facilitator, author):
        CoordinatorFactory(display_name="Sokha")
        challenge = ChallengeFactory(author=author, community=cop, title="Ramps")
        client_for(author).post(schedule_url(challenge), {"meeting": cop_meeting.pk})
        assert AgendaProposal.objects.get().meeting == cop_meeting
        assert notified(NotificationKind.AGENDA_PROPOSED) == ["Norah Lay"]

    def test_other_members_may_not_propose_someone_elses_challenge(self, client_for, challenge, network_meeting):
        other = UserFactory()
        assert client_for(other).get(schedule_url(challenge)).status_code == 403
        assert client_for(other).post(schedule_url(challenge), {"meeting": network_meeting.pk}).status_code == 403
        with pytest.raises(ValidationError, match="Only the author of a challenge proposes it"):
            services.agenda_proposal_create(challenge=challenge, meeting=network_meeting, by=other)
        assert not AgendaProposal.objects.exists()

    def test_an_author_who_left_the_community_may_not_propose_its_challenge(self, client_for, cop, author, cop_meeting):
        challenge = ChallengeFactory(author=author, community=cop)
        author.community_memberships.update(status="left")
        assert client_for(author).get(schedule_url(challenge)).status_code == 403
        with pytest.raises(ValidationError, match="Only the author of a challenge proposes it"):
            services.agenda_proposal_create(challenge=challenge, meeting=cop_meeting, by=author)

    def test_a_member_cannot_put_a_challenge_on_an_agenda_directly(self, challenge, network_meeting):
        with pytest.raises(ValidationError, match="Only those who run this meeting add to its agenda"):
            services.challenge_schedule(challenge=challenge, meeting=network_meeting, by=challenge.author)
        assert not AgendaItem.objects.exists()

    def test_a_second_proposal_while_one_waits_is_refused(self, challenge, network_meeting):
        services.agenda_proposal_create(challenge=challenge, meeting=network_meeting, by=challenge.author)
        with pytest.raises(ValidationError, match="already proposed for that meeting"):
            services.agenda_proposal_create(challenge=challenge, meeting=network_meeting, by=challenge.author)
        assert AgendaProposal.objects.count() == 1

    def test_a_network_challenge_does_not_go_to_a_community_meeting(self, challenge, cop_meeting, coordinator):
        with pytest.raises(ValidationError, match="whose audience may see this challenge"):
            services.agenda_proposal_create(challenge=challenge, meeting=cop_meeting, by=challenge.author)
        with pytest.raises(ValidationError, match="whose audience may see this challenge"):
            services.challenge_schedule(challenge=challenge, meeting=cop_meeting, by=coordinator)

    def test_a_facilitator_puts_their_own_challenge_on_their_communitys_meeting_at_once(
        self, client_for, cop, cop_meeting, facilitator
    ):
        challenge = ChallengeFactory(author=facilitator, community=cop)
        client_for(facilitator).post(schedule_url(challenge), {"meeting": cop_meeting.pk})
        assert AgendaItem.objects.get().meeting == cop_meeting
        assert not AgendaProposal.objects.exists()


class TestDeciding:
    @pytest.fixture
    def proposal(self, cop, author, cop_meeting):
        challenge = ChallengeFactory(author=author, community=cop, title="Ramps")
        return services.agenda_proposal_create(challenge=challenge, meeting=cop_meeting, by=author, duration_minutes=25)

    def test_a_facilitator_of_the_community_accepts_and_the_author_is_told(self, client_for, proposal, facilitator):
        response = decide(client_for(facilitator), proposal, "accept")
        assert response.status_code == 302
        item = AgendaItem.objects.get()
        assert (item.meeting, item.title, item.duration_minutes) == (proposal.meeting, "Challenge: Ramps", 25)
        proposal.refresh_from_db()
        assert (proposal.status, proposal.decided_by) == (AgendaProposalStatus.ACCEPTED, facilitator)
        assert proposal.agenda_link.agenda_item == item
        assert notified(NotificationKind.AGENDA, challenge=proposal.challenge) == ["Dara Kim"]

    def test_a_coordinator_may_accept_a_community_meetings_proposal_too(self, client_for, proposal, coordinator):
        assert decide(client_for(coordinator), proposal, "accept").status_code == 302
        assert AgendaItem.objects.get().meeting == proposal.meeting

    def test_a_facilitator_declines_and_the_author_is_told(self, client_for, proposal, facilitator):
        decide(client_for(facilitator), proposal, "decline")
        proposal.refresh_from_db()
        assert proposal.status == AgendaProposalStatus.DECLINED
        assert not AgendaItem.objects.exists()
        assert notified(NotificationKind.AGENDA_DECLINED, challenge=proposal.challenge) == ["Dara Kim"]
        told = client_for(proposal.challenge.author).get(reverse("network:notification_list")).content.decode()
        assert "“Ramps” was not taken onto the agenda of CoP-PwD quarterly" in told
        # An answered proposal is not answered twice.
        with pytest.raises(ValidationError, match="already answered"):
            services.agenda_proposal_accept(proposal=proposal, by=facilitator)
        assert not AgendaItem.objects.exists()

    @pytest.mark.parametrize("who", ["author", "member_of_the_community", "facilitator_elsewhere"])
    def test_who_does_not_run_the_meeting_may_not_decide(self, client_for, proposal, cop, author, who):
        person = {
            "author": lambda: author,
            "member_of_the_community": lambda: MembershipFactory(community=cop).person,
            "facilitator_elsewhere": lambda: FacilitatorMembershipFactory().person,
        }[who]()
        client = client_for(person)
        assert decide(client, proposal, "accept").status_code == 403
        assert decide(client, proposal, "decline").status_code == 403
        with pytest.raises(ValidationError, match="Only those who run this meeting decide"):
            services.agenda_proposal_accept(proposal=proposal, by=person)
        proposal.refresh_from_db()
        assert proposal.status == AgendaProposalStatus.PENDING
        assert not AgendaItem.objects.exists()

    def test_a_facilitator_may_not_decide_for_a_network_meeting(self, client_for, challenge, network_meeting, cop):
        proposal = services.agenda_proposal_create(challenge=challenge, meeting=network_meeting, by=challenge.author)
        facilitator = FacilitatorMembershipFactory(community=cop).person
        assert decide(client_for(facilitator), proposal, "accept").status_code == 403
        assert not AgendaItem.objects.exists()

    def test_each_sees_the_proposals_for_the_meetings_they_run(
        self, client_for, proposal, facilitator, coordinator, challenge, network_meeting
    ):
        for_network = services.agenda_proposal_create(challenge=challenge, meeting=network_meeting, by=challenge.author)
        page = reverse("network:agenda_proposal_list")
        assert list(client_for(facilitator).get(page).context["proposals"]) == [proposal]
        assert list(client_for(coordinator).get(page).context["proposals"]) == [proposal, for_network]
        assert client_for(challenge.author).get(page).status_code == 403
