import datetime

import pytest
from django.core.exceptions import ValidationError

from communities import services
from communities.enums import MembershipRole, MembershipStatus, StakeholderRole
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from members.enums import OrganisationStatus
from members.models import FocusArea
from tests.factories import (
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    JoinRequestMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    PendingUserFactory,
    StakeholderLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refusal(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return " ".join(caught.value.messages)


class TestCommunity:
    def test_create_names_the_first_facilitators(self, coordinator, member):
        community = services.community_create(
            by=coordinator,
            name="Community of Practice of Indigenous Peoples",
            short_name="CoP-IP",
            purpose="Languages and land.",
            themes=FocusArea.objects.filter(slug="indigenous-peoples"),
            facilitators=[member],
        )
        assert community.slug == "cop-ip"
        assert [theme.slug for theme in community.themes.all()] == ["indigenous-peoples"]
        membership = community.memberships.get()
        assert (membership.person, membership.role, membership.status, membership.decided_by) == (
            member,
            MembershipRole.FACILITATOR,
            MembershipStatus.ACTIVE,
            coordinator,
        )

    def test_name_is_unique_whatever_the_case(self, coordinator, cop_pwd):
        message = refusal(services.community_create, by=coordinator, name=cop_pwd.name.upper())
        assert message == "A community with this name already exists."
        assert Community.objects.count() == 1

    def test_a_person_waiting_for_approval_cannot_facilitate(self, coordinator, pending_user):
        message = refusal(services.community_create, by=coordinator, name="CoP-Youth", facilitators=[pending_user])
        assert message == "Only approved members can facilitate: Chenda Pending."
        assert not Community.objects.exists()

    def test_address_never_takes_a_word_the_urls_use(self, coordinator):
        assert services.community_create(by=coordinator, name="New").slug == "new-2"

    def test_update_keeps_the_address(self, coordinator, cop_pwd):
        services.community_update(community=cop_pwd, by=coordinator, name="Disability Rights CoP", purpose="New")
        cop_pwd.refresh_from_db()
        assert (cop_pwd.name, cop_pwd.purpose, cop_pwd.slug) == ("Disability Rights CoP", "New", "cop-pwd")

    def test_update_refuses_a_taken_name(self, coordinator, cop_pwd):
        other = CommunityFactory(name="CoP on Women")
        message = refusal(services.community_update, community=other, by=coordinator, name=cop_pwd.name)
        assert message == "A community with this name already exists."
        other.refresh_from_db()
        assert other.name == "CoP on Women"


class TestAskingToJoin:
    def test_a_member_asks_with_a_message(self, cop_pwd, member):
        membership = services.membership_request(community=cop_pwd, person=member, message="We work with OPDs.")
        assert (membership.status, membership.role, membership.message) == (
            MembershipStatus.REQUESTED,
            MembershipRole.MEMBER,
            "We work with OPDs.",
        )

    def test_joining_twice_is_refused(self, cop_pwd, cop_member):
        message = refusal(services.membership_request, community=cop_pwd, person=cop_member, message="Again")
        assert message == "You are already a member of CoP-PwD."
        membership = Membership.objects.get(person=cop_member)
        assert (membership.status, membership.message) == (MembershipStatus.ACTIVE, "")

    def test_asking_twice_is_refused(self, cop_pwd, member):
        services.membership_request(community=cop_pwd, person=member, message="First")
        message = refusal(services.membership_request, community=cop_pwd, person=member, message="Second")
        assert message == "You already asked to join CoP-PwD. A facilitator will answer your request."
        assert Membership.objects.get(person=member).message == "First"

    def test_an_invited_person_is_told_to_accept_instead(self, cop_pwd, member, cop_facilitator):
        services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        message = refusal(services.membership_request, community=cop_pwd, person=member)
        assert message == "You are already invited to CoP-PwD. Accept the invitation on its page."

    @pytest.mark.parametrize("ended", [MembershipStatus.LEFT, MembershipStatus.DECLINED])
    def test_someone_who_left_or_was_declined_may_ask_again(self, cop_pwd, member, coordinator, ended):
        MembershipFactory(community=cop_pwd, person=member, status=ended, decided_by=coordinator, message="Old")
        membership = services.membership_request(community=cop_pwd, person=member, message="Back again")
        membership.refresh_from_db()
        assert (membership.status, membership.message, membership.decided_at, membership.decided_by) == (
            MembershipStatus.REQUESTED,
            "Back again",
            None,
            None,
        )
        assert Membership.objects.count() == 1

    def test_a_former_facilitator_comes_back_as_a_member(self, cop_pwd, member):
        FacilitatorMembershipFactory(community=cop_pwd, person=member, status=MembershipStatus.LEFT)
        assert services.membership_request(community=cop_pwd, person=member).role == MembershipRole.MEMBER

    def test_a_person_waiting_for_approval_cannot_ask(self, cop_pwd, pending_user):
        message = refusal(services.membership_request, community=cop_pwd, person=pending_user)
        assert message == "Chenda Pending is not an approved member of the network yet."
        assert not Membership.objects.exists()

    def test_an_inactive_community_takes_nobody(self, member):
        closed = CommunityFactory(short_name="CoP-Old", is_active=False)
        assert refusal(services.membership_request, community=closed, person=member) == (
            "CoP-Old no longer takes new members."
        )


class TestDecisions:
    def test_approve_makes_an_active_member(self, cop_pwd, cop_facilitator):
        request = JoinRequestMembershipFactory(community=cop_pwd)
        membership = services.membership_approve(membership=request, by=cop_facilitator)
        assert (membership.status, membership.decided_by) == (MembershipStatus.ACTIVE, cop_facilitator)
        assert membership.decided_at is not None

    def test_a_request_is_answered_once(self, cop_pwd, cop_facilitator):
        request = JoinRequestMembershipFactory(community=cop_pwd)
        services.membership_decline(membership=request, by=cop_facilitator)
        message = refusal(services.membership_approve, membership=request, by=cop_facilitator)
        assert message == "This request was already answered."
        request.refresh_from_db()
        assert request.status == MembershipStatus.DECLINED

    def test_an_active_member_cannot_be_declined(self, cop_pwd, cop_member, cop_facilitator):
        membership = cop_member.community_memberships.get()
        assert refusal(services.membership_decline, membership=membership, by=cop_facilitator) == (
            "This request was already answered."
        )


class TestInvitations:
    def test_invite_then_accept(self, cop_pwd, member, cop_facilitator):
        invitation = services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator, message="Join us")
        assert (invitation.status, invitation.invited_by, invitation.message) == (
            MembershipStatus.INVITED,
            cop_facilitator,
            "Join us",
        )
        accepted = services.membership_invitation_accept(membership=invitation, by=member)
        assert (accepted.status, accepted.decided_by, accepted.invited_by) == (
            MembershipStatus.ACTIVE,
            member,
            cop_facilitator,
        )

    def test_the_invitee_may_decline(self, cop_pwd, member, cop_facilitator):
        invitation = services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        assert services.membership_invitation_decline(membership=invitation, by=member).status == (
            MembershipStatus.DECLINED
        )

    def test_only_the_invitee_answers(self, cop_pwd, member, cop_facilitator):
        invitation = services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        message = refusal(services.membership_invitation_accept, membership=invitation, by=UserFactory())
        assert message == "Only the invited person can answer this invitation."
        invitation.refresh_from_db()
        assert invitation.status == MembershipStatus.INVITED

    def test_a_withdrawn_invitation_cannot_be_accepted(self, cop_pwd, member, cop_facilitator):
        invitation = services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        services.membership_decline(membership=invitation, by=cop_facilitator)
        message = refusal(services.membership_invitation_accept, membership=invitation, by=member)
        assert message == "This invitation is no longer open."

    def test_inviting_a_member_is_refused(self, cop_pwd, cop_member, cop_facilitator):
        message = refusal(services.membership_invite, community=cop_pwd, person=cop_member, by=cop_facilitator)
        assert message == "Von Samphous is already a member of CoP-PwD."

    def test_inviting_twice_is_refused(self, cop_pwd, member, cop_facilitator):
        services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        message = refusal(services.membership_invite, community=cop_pwd, person=member, by=cop_facilitator)
        assert message == "Dara Member is already invited to CoP-PwD."

    def test_inviting_someone_who_asked_points_to_the_request(self, cop_pwd, member, cop_facilitator):
        services.membership_request(community=cop_pwd, person=member)
        message = refusal(services.membership_invite, community=cop_pwd, person=member, by=cop_facilitator)
        assert message == "Dara Member already asked to join CoP-PwD: approve the request instead."
        assert Membership.objects.get(person=member).status == MembershipStatus.REQUESTED

    def test_someone_who_left_can_be_invited_back(self, cop_pwd, member, cop_facilitator):
        MembershipFactory(community=cop_pwd, person=member, status=MembershipStatus.LEFT)
        invitation = services.membership_invite(community=cop_pwd, person=member, by=cop_facilitator)
        assert (invitation.status, invitation.invited_by) == (MembershipStatus.INVITED, cop_facilitator)


class TestLeavingAndRoles:
    def test_a_member_leaves(self, cop_pwd, cop_member):
        membership = cop_member.community_memberships.get()
        assert services.membership_leave(membership=membership, by=cop_member).status == MembershipStatus.LEFT

    def test_the_last_facilitator_cannot_leave(self, cop_pwd, cop_facilitator):
        membership = cop_facilitator.community_memberships.get()
        message = refusal(services.membership_leave, membership=membership, by=cop_facilitator)
        assert message == "Norah Lay is the only facilitator of CoP-PwD. Make another member facilitator first."
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.ACTIVE

    def test_the_last_facilitator_cannot_be_removed_by_a_coordinator(self, cop_pwd, cop_facilitator, coordinator):
        membership = cop_facilitator.community_memberships.get()
        assert "only facilitator" in refusal(services.membership_leave, membership=membership, by=coordinator)

    def test_one_of_two_facilitators_may_leave(self, cop_pwd, cop_facilitator):
        FacilitatorMembershipFactory(community=cop_pwd)
        membership = cop_facilitator.community_memberships.get()
        assert services.membership_leave(membership=membership, by=cop_facilitator).status == MembershipStatus.LEFT

    def test_a_facilitator_who_left_does_not_count(self, cop_pwd, cop_facilitator):
        FacilitatorMembershipFactory(community=cop_pwd, status=MembershipStatus.LEFT)
        membership = cop_facilitator.community_memberships.get()
        assert "only facilitator" in refusal(services.membership_leave, membership=membership, by=cop_facilitator)

    def test_leaving_twice_is_refused(self, cop_pwd, cop_member):
        membership = cop_member.community_memberships.get()
        services.membership_leave(membership=membership, by=cop_member)
        assert refusal(services.membership_leave, membership=membership, by=cop_member) == (
            "Von Samphous is not an active member of CoP-PwD."
        )

    def test_make_a_member_facilitator_and_back(self, cop_pwd, cop_facilitator, cop_member):
        membership = cop_member.community_memberships.get()
        services.membership_set_role(membership=membership, role=MembershipRole.FACILITATOR, by=cop_facilitator)
        services.membership_set_role(
            membership=cop_facilitator.community_memberships.get(), role=MembershipRole.MEMBER, by=cop_facilitator
        )
        assert dict(cop_pwd.memberships.values_list("person__display_name", "role")) == {
            "Norah Lay": MembershipRole.MEMBER,
            "Von Samphous": MembershipRole.FACILITATOR,
        }

    def test_the_last_facilitator_cannot_be_demoted(self, cop_pwd, cop_facilitator):
        membership = cop_facilitator.community_memberships.get()
        message = refusal(
            services.membership_set_role, membership=membership, role=MembershipRole.MEMBER, by=cop_facilitator
        )
        assert message == "Norah Lay is the only facilitator of CoP-PwD. Make another member facilitator first."
        membership.refresh_from_db()
        assert membership.role == MembershipRole.FACILITATOR

    def test_an_unknown_role_is_refused(self, cop_pwd, cop_member, cop_facilitator):
        membership = cop_member.community_memberships.get()
        message = refusal(services.membership_set_role, membership=membership, role="owner", by=cop_facilitator)
        assert message == "Choose member or facilitator."

    def test_only_active_members_get_a_role(self, cop_pwd, cop_facilitator):
        request = JoinRequestMembershipFactory(community=cop_pwd, person__display_name="Tim Malay")
        message = refusal(
            services.membership_set_role, membership=request, role=MembershipRole.FACILITATOR, by=cop_facilitator
        )
        assert message == "Only active members can become facilitators. Approve or invite Tim Malay first."


class TestMemberOrganisations:
    def test_add_an_organisation(self, cop_pwd, organisation, cop_facilitator):
        link = services.organisation_add(
            community=cop_pwd, organisation=organisation, by=cop_facilitator, joined_on=datetime.date(2022, 1, 3)
        )
        assert (link.organisation, link.joined_on) == (organisation, datetime.date(2022, 1, 3))

    def test_adding_twice_is_refused(self, cop_pwd, organisation, cop_facilitator):
        CommunityOrganisationFactory(community=cop_pwd, organisation=organisation)
        message = refusal(services.organisation_add, community=cop_pwd, organisation=organisation, by=cop_facilitator)
        assert message == "Angkor Girls' Education Fund is already a member organisation of CoP-PwD."
        assert CommunityOrganisation.objects.count() == 1

    def test_a_stakeholder_is_not_a_member_organisation(self, cop_pwd, ilo, cop_facilitator):
        message = refusal(services.organisation_add, community=cop_pwd, organisation=ilo, by=cop_facilitator)
        assert message == (
            "International Labour Organization is a stakeholder, not a member organisation. "
            "Link it as a stakeholder instead."
        )
        assert not CommunityOrganisation.objects.exists()

    def test_a_former_member_cannot_be_added(self, cop_pwd, cop_facilitator):
        former = OrganisationFactory(name="Closed Shelter", status=OrganisationStatus.FORMER)
        message = refusal(services.organisation_add, community=cop_pwd, organisation=former, by=cop_facilitator)
        assert message == "Closed Shelter is a former member of the network."

    def test_remove(self, cop_pwd, organisation, cop_facilitator):
        link = CommunityOrganisationFactory(community=cop_pwd, organisation=organisation)
        services.organisation_remove(link=link, by=cop_facilitator)
        assert not CommunityOrganisation.objects.exists()


class TestStakeholderLinks:
    def test_link_a_stakeholder(self, cop_pwd, ilo, cop_facilitator):
        link = services.stakeholder_link_create(
            community=cop_pwd,
            organisation=ilo,
            role=StakeholderRole.TECHNICAL_ADVISER,
            note="Decent work",
            started_on=datetime.date(2023, 11, 8),
            by=cop_facilitator,
        )
        assert (link.role, link.note, link.started_on, link.created_by) == (
            StakeholderRole.TECHNICAL_ADVISER,
            "Decent work",
            datetime.date(2023, 11, 8),
            cop_facilitator,
        )

    def test_linking_the_same_stakeholder_twice_is_refused(self, cop_pwd, ilo, cop_facilitator):
        StakeholderLinkFactory(community=cop_pwd, organisation=ilo, role=StakeholderRole.FUNDER)
        message = refusal(
            services.stakeholder_link_create,
            community=cop_pwd,
            organisation=ilo,
            role=StakeholderRole.TECHNICAL_ADVISER,
            by=cop_facilitator,
        )
        assert message == "International Labour Organization is already linked to CoP-PwD."
        assert list(StakeholderLink.objects.values_list("role", flat=True)) == [StakeholderRole.FUNDER]

    def test_a_member_organisation_cannot_be_linked_as_stakeholder(self, cop_pwd, organisation, cop_facilitator):
        message = refusal(
            services.stakeholder_link_create,
            community=cop_pwd,
            organisation=organisation,
            role=StakeholderRole.OTHER,
            by=cop_facilitator,
        )
        assert message == (
            "Angkor Girls' Education Fund is not in the stakeholder register. "
            "Only stakeholder organisations can be linked."
        )
        assert not StakeholderLink.objects.exists()

    def test_an_unknown_role_is_refused(self, cop_pwd, ilo, cop_facilitator):
        message = refusal(
            services.stakeholder_link_create, community=cop_pwd, organisation=ilo, role="sponsor", by=cop_facilitator
        )
        assert message == "Choose the stakeholder's role."
        assert not StakeholderLink.objects.exists()

    def test_update_and_remove(self, cop_pwd, ilo, cop_facilitator):
        link = StakeholderLinkFactory(community=cop_pwd, organisation=ilo)
        services.stakeholder_link_update(
            link=link,
            by=cop_facilitator,
            role=StakeholderRole.TECHNICAL_ADVISER,
            note="Now advising",
            started_on=datetime.date(2024, 1, 1),
        )
        link.refresh_from_db()
        assert (link.role, link.note, link.started_on) == (
            StakeholderRole.TECHNICAL_ADVISER,
            "Now advising",
            datetime.date(2024, 1, 1),
        )
        services.stakeholder_link_remove(link=link, by=cop_facilitator)
        assert not StakeholderLink.objects.exists()


def test_a_pending_user_cannot_be_invited(cop_pwd, cop_facilitator):
    person = PendingUserFactory(display_name="Chenda Pending")
    message = refusal(services.membership_invite, community=cop_pwd, person=person, by=cop_facilitator)
    assert message == "Chenda Pending is not an approved member of the network yet."
    assert not Membership.objects.filter(person=person).exists()
