"""Every page and button: the person who may, the person who may not, and refusals shown with nothing saved."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from communities.enums import MembershipRole, MembershipStatus, StakeholderRole
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from tests.factories import (
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    JoinRequestMembershipFactory,
    MembershipFactory,
    StakeholderLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"communities:{name}", args=args)


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestDirectoryAndPage:
    def test_member_sees_the_directory_and_a_community(self, member_client, cop_pwd):
        assert member_client.get(url("community_list")).status_code == 200
        assert member_client.get(url("community_detail", "cop-pwd")).status_code == 200

    def test_person_waiting_for_approval_may_not(self, client, pending_user, cop_pwd):
        client.force_login(pending_user)
        assert client.get(url("community_list")).status_code == 403
        assert client.get(url("community_detail", "cop-pwd")).status_code == 403

    def test_anonymous_is_sent_to_sign_in(self, client, cop_pwd):
        response = client.get(url("community_detail", "cop-pwd"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_unknown_community_is_404(self, member_client):
        assert member_client.get(url("community_detail", "nope")).status_code == 404

    def test_navigation_shows_communities(self, member_client):
        assert f'href="{url("community_list")}"' in member_client.get(reverse("dashboard_detail")).content.decode()


class TestCreateAndEdit:
    def test_coordinator_starts_a_community(self, coordinator_client, member):
        assert coordinator_client.get(url("community_create")).status_code == 200
        response = coordinator_client.post(
            url("community_create"),
            {
                "name": "Community of Practice of Indigenous Peoples",
                "short_name": "CoP-IP",
                "facilitators": [member.pk],
            },
        )
        community = Community.objects.get()
        assert response.status_code == 302
        assert response.url == url("community_detail", "cop-ip")
        assert community.memberships.get().person == member

    def test_duplicate_name_is_shown_on_the_field(self, coordinator_client, cop_pwd):
        response = coordinator_client.post(url("community_create"), {"name": cop_pwd.name})
        assert "A community with this name already exists." in response.content.decode()
        assert Community.objects.count() == 1

    def test_coordinator_edits_the_about_page(self, coordinator_client, cop_pwd):
        assert coordinator_client.get(url("community_update", "cop-pwd")).status_code == 200
        coordinator_client.post(
            url("community_update", "cop-pwd"),
            {"name": cop_pwd.name, "short_name": "CoP-PwD", "purpose": "Changed", "is_active": "on"},
        )
        cop_pwd.refresh_from_db()
        assert cop_pwd.purpose == "Changed"

    def test_members_and_facilitators_may_not(self, as_user, member, cop_facilitator):
        for person in (member, cop_facilitator):
            client = as_user(person)
            assert client.get(url("community_create")).status_code == 403
            assert client.post(url("community_create"), {"name": "Sneaky"}).status_code == 403
            assert client.post(url("community_update", "cop-pwd"), {"name": "Sneaky"}).status_code == 403
        assert not Community.objects.filter(name="Sneaky").exists()


class TestJoining:
    def test_member_asks_to_join(self, member_client, member, cop_pwd):
        assert member_client.get(url("membership_request", "cop-pwd")).status_code == 200
        response = member_client.post(url("membership_request", "cop-pwd"), {"message": "We train OPDs."})
        assert response.url == url("community_detail", "cop-pwd")
        membership = Membership.objects.get(person=member)
        assert (membership.status, membership.message) == (MembershipStatus.REQUESTED, "We train OPDs.")

    def test_joining_twice_is_refused_on_the_form(self, as_user, cop_member):
        response = as_user(cop_member).post(url("membership_request", "cop-pwd"), {"message": "Again"})
        assert response.status_code == 200
        assert "You are already a member of CoP-PwD." in response.content.decode()
        assert Membership.objects.get(person=cop_member).message == ""

    def test_person_waiting_for_approval_may_not_ask(self, client, pending_user, cop_pwd):
        client.force_login(pending_user)
        assert client.post(url("membership_request", "cop-pwd"), {"message": "x"}).status_code == 403
        assert not Membership.objects.exists()

    def test_invited_person_accepts(self, member_client, member, cop_pwd, cop_facilitator):
        MembershipFactory(community=cop_pwd, person=member, status=MembershipStatus.INVITED, invited_by=cop_facilitator)
        response = member_client.post(url("invitation_answer", "cop-pwd"), {"answer": "accept"})
        assert response.url == url("community_detail", "cop-pwd")
        assert Membership.objects.get(person=member).status == MembershipStatus.ACTIVE

    def test_invited_person_declines(self, member_client, member, cop_pwd):
        MembershipFactory(community=cop_pwd, person=member, status=MembershipStatus.INVITED)
        member_client.post(url("invitation_answer", "cop-pwd"), {"answer": "decline"})
        assert Membership.objects.get(person=member).status == MembershipStatus.DECLINED

    def test_someone_not_invited_cannot_answer(self, member_client, cop_pwd):
        assert member_client.post(url("invitation_answer", "cop-pwd"), {"answer": "accept"}).status_code == 404
        assert not Membership.objects.exists()

    def test_member_leaves(self, as_user, cop_member):
        client = as_user(cop_member)
        assert client.get(url("membership_leave", "cop-pwd")).status_code == 200
        response = client.post(url("membership_leave", "cop-pwd"))
        assert flashed(response) == ["You left CoP-PwD."]
        assert Membership.objects.get(person=cop_member).status == MembershipStatus.LEFT

    def test_someone_outside_cannot_leave(self, member_client, cop_pwd):
        assert member_client.post(url("membership_leave", "cop-pwd")).status_code == 403

    def test_the_last_facilitator_is_told_why_they_cannot_leave(self, as_user, cop_facilitator):
        response = as_user(cop_facilitator).post(url("membership_leave", "cop-pwd"))
        assert flashed(response) == [
            "Norah Lay is the only facilitator of CoP-PwD. Make another member facilitator first."
        ]
        assert Membership.objects.get(person=cop_facilitator).status == MembershipStatus.ACTIVE


@pytest.fixture
def request_to_join(cop_pwd):
    return JoinRequestMembershipFactory(community=cop_pwd, person__display_name="Dara Kim", message="Please")


class TestPeoplePages:
    """The facilitators' people page and its buttons; coordinators may use them too."""

    def test_facilitator_and_coordinator_see_the_people_page(self, as_user, cop_facilitator, coordinator):
        for person in (cop_facilitator, coordinator):
            response = as_user(person).get(url("membership_list", "cop-pwd"))
            assert response.status_code == 200
        assert "Norah Lay" in response.content.decode()

    def test_members_and_facilitators_of_another_community_may_not(self, as_user, cop_member, cop_pwd):
        elsewhere = FacilitatorMembershipFactory(community=CommunityFactory()).person
        for person in (cop_member, elsewhere):
            client = as_user(person)
            assert client.get(url("membership_list", "cop-pwd")).status_code == 403
            assert client.get(url("membership_invite", "cop-pwd")).status_code == 403

    def test_facilitator_approves(self, as_user, cop_facilitator, request_to_join):
        response = as_user(cop_facilitator).post(url("membership_approve", "cop-pwd", request_to_join.pk))
        assert response.url == url("membership_list", "cop-pwd")
        assert flashed(response) == ["Dara Kim is now a member of CoP-PwD."]
        request_to_join.refresh_from_db()
        assert (request_to_join.status, request_to_join.decided_by) == (MembershipStatus.ACTIVE, cop_facilitator)

    def test_approve_returns_to_the_community_page(self, as_user, cop_facilitator, request_to_join):
        response = as_user(cop_facilitator).post(
            url("membership_approve", "cop-pwd", request_to_join.pk), {"next": url("community_detail", "cop-pwd")}
        )
        assert response.url == url("community_detail", "cop-pwd")

    def test_approve_never_sends_to_another_site(self, as_user, cop_facilitator, request_to_join):
        response = as_user(cop_facilitator).post(
            url("membership_approve", "cop-pwd", request_to_join.pk), {"next": "https://evil.example/"}
        )
        assert response.url == url("membership_list", "cop-pwd")

    def test_approve_needs_a_post(self, as_user, cop_facilitator, request_to_join):
        assert as_user(cop_facilitator).get(url("membership_approve", "cop-pwd", request_to_join.pk)).status_code == 405

    def test_member_may_not_approve_or_decline(self, as_user, cop_member, request_to_join):
        client = as_user(cop_member)
        assert client.post(url("membership_approve", "cop-pwd", request_to_join.pk)).status_code == 403
        assert client.post(url("membership_decline", "cop-pwd", request_to_join.pk)).status_code == 403
        request_to_join.refresh_from_db()
        assert request_to_join.status == MembershipStatus.REQUESTED

    def test_facilitator_declines(self, as_user, cop_facilitator, request_to_join):
        as_user(cop_facilitator).post(url("membership_decline", "cop-pwd", request_to_join.pk))
        request_to_join.refresh_from_db()
        assert request_to_join.status == MembershipStatus.DECLINED

    def test_a_membership_of_another_community_is_404(self, as_user, cop_facilitator):
        elsewhere = JoinRequestMembershipFactory()
        assert as_user(cop_facilitator).post(url("membership_approve", "cop-pwd", elsewhere.pk)).status_code == 404
        elsewhere.refresh_from_db()
        assert elsewhere.status == MembershipStatus.REQUESTED

    def test_facilitator_invites(self, as_user, cop_facilitator, member):
        client = as_user(cop_facilitator)
        assert client.get(url("membership_invite", "cop-pwd")).status_code == 200
        response = client.post(url("membership_invite", "cop-pwd"), {"person": member.pk, "message": "Join us"})
        assert response.url == url("membership_list", "cop-pwd")
        membership = Membership.objects.get(person=member)
        assert (membership.status, membership.invited_by) == (MembershipStatus.INVITED, cop_facilitator)

    def test_member_may_not_invite(self, as_user, cop_member, member):
        assert as_user(cop_member).post(url("membership_invite", "cop-pwd"), {"person": member.pk}).status_code == 403
        assert not Membership.objects.filter(person=member).exists()

    def test_facilitator_makes_a_member_facilitator(self, as_user, cop_facilitator, cop_member):
        membership = cop_member.community_memberships.get()
        as_user(cop_facilitator).post(url("membership_set_role", "cop-pwd", membership.pk), {"role": "facilitator"})
        membership.refresh_from_db()
        assert membership.role == MembershipRole.FACILITATOR

    def test_the_last_facilitator_cannot_be_demoted(self, as_user, cop_facilitator):
        membership = cop_facilitator.community_memberships.get()
        response = as_user(cop_facilitator).post(
            url("membership_set_role", "cop-pwd", membership.pk), {"role": "member"}
        )
        assert flashed(response) == [
            "Norah Lay is the only facilitator of CoP-PwD. Make another member facilitator first."
        ]
        membership.refresh_from_db()
        assert membership.role == MembershipRole.FACILITATOR

    def test_a_nonsense_role_is_refused(self, as_user, cop_facilitator, cop_member):
        membership = cop_member.community_memberships.get()
        response = as_user(cop_facilitator).post(
            url("membership_set_role", "cop-pwd", membership.pk), {"role": "owner"}
        )
        assert flashed(response) == ["Choose member or facilitator."]
        membership.refresh_from_db()
        assert membership.role == MembershipRole.MEMBER

    def test_member_may_not_change_roles(self, as_user, cop_member):
        membership = cop_member.community_memberships.get()
        assert (
            as_user(cop_member)
            .post(url("membership_set_role", "cop-pwd", membership.pk), {"role": "facilitator"})
            .status_code
            == 403
        )
        membership.refresh_from_db()
        assert membership.role == MembershipRole.MEMBER

    def test_facilitator_removes_a_member(self, as_user, cop_facilitator, cop_member):
        membership = cop_member.community_memberships.get()
        response = as_user(cop_facilitator).post(url("membership_remove", "cop-pwd", membership.pk))
        assert flashed(response) == ["Von Samphous is no longer a member of CoP-PwD."]
        membership.refresh_from_db()
        assert (membership.status, membership.decided_by) == (MembershipStatus.LEFT, cop_facilitator)

    def test_the_last_facilitator_cannot_be_removed(self, coordinator_client, cop_facilitator):
        membership = cop_facilitator.community_memberships.get()
        response = coordinator_client.post(url("membership_remove", "cop-pwd", membership.pk))
        assert "only facilitator" in flashed(response)[0]
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.ACTIVE

    def test_member_may_not_remove(self, as_user, cop_member, cop_facilitator):
        membership = cop_facilitator.community_memberships.get()
        assert as_user(cop_member).post(url("membership_remove", "cop-pwd", membership.pk)).status_code == 403


class TestOrganisationsPage:
    def test_facilitator_adds_and_removes_an_organisation(self, as_user, cop_facilitator, organisation):
        client = as_user(cop_facilitator)
        assert client.get(url("organisation_list", "cop-pwd")).status_code == 200
        response = client.post(
            url("organisation_list", "cop-pwd"), {"organisation": organisation.pk, "joined_on": "2022-01-03"}
        )
        assert response.url == url("organisation_list", "cop-pwd")
        link = CommunityOrganisation.objects.get()
        assert str(link.joined_on) == "2022-01-03"
        client.post(url("organisation_remove", "cop-pwd", link.pk))
        assert not CommunityOrganisation.objects.exists()

    def test_a_stakeholder_is_not_offered_and_refused(self, as_user, cop_facilitator, ilo):
        client = as_user(cop_facilitator)
        assert (
            "International Labour Organization" not in client.get(url("organisation_list", "cop-pwd")).content.decode()
        )
        response = client.post(url("organisation_list", "cop-pwd"), {"organisation": ilo.pk})
        assert "Select a valid choice" in response.content.decode()
        assert not CommunityOrganisation.objects.exists()

    def test_member_may_not(self, as_user, cop_member, cop_pwd, organisation):
        link = CommunityOrganisationFactory(community=cop_pwd)
        client = as_user(cop_member)
        assert client.get(url("organisation_list", "cop-pwd")).status_code == 403
        assert client.post(url("organisation_list", "cop-pwd"), {"organisation": organisation.pk}).status_code == 403
        assert client.post(url("organisation_remove", "cop-pwd", link.pk)).status_code == 403
        assert CommunityOrganisation.objects.get() == link


def link_form(organisation, role=StakeholderRole.TECHNICAL_ADVISER, **extra):
    return {"organisation": organisation.pk, "role": role, "started_on": "2023-11-08", "note": "", **extra}


class TestStakeholderPages:
    def test_facilitator_links_a_stakeholder(self, as_user, cop_facilitator, ilo):
        client = as_user(cop_facilitator)
        assert client.get(url("stakeholder_link_list", "cop-pwd")).status_code == 200
        response = client.post(url("stakeholder_link_list", "cop-pwd"), link_form(ilo, note="Decent work"))
        assert flashed(response) == ["International Labour Organization is linked as technical adviser."]
        link = StakeholderLink.objects.get()
        assert (link.organisation, link.role, link.note, link.created_by) == (
            ilo,
            StakeholderRole.TECHNICAL_ADVISER,
            "Decent work",
            cop_facilitator,
        )

    def test_linking_the_same_stakeholder_twice_is_refused(self, as_user, cop_facilitator, cop_pwd, ilo):
        StakeholderLinkFactory(community=cop_pwd, organisation=ilo, role=StakeholderRole.FUNDER)
        response = as_user(cop_facilitator).post(url("stakeholder_link_list", "cop-pwd"), link_form(ilo))
        assert response.status_code == 200
        assert "International Labour Organization is already linked to CoP-PwD." in response.content.decode()
        assert list(StakeholderLink.objects.values_list("role", flat=True)) == [StakeholderRole.FUNDER]

    def test_linking_a_member_organisation_is_refused(self, as_user, cop_facilitator, organisation):
        response = as_user(cop_facilitator).post(url("stakeholder_link_list", "cop-pwd"), link_form(organisation))
        assert "Choose an organisation from the stakeholder register." in response.content.decode()
        assert not StakeholderLink.objects.exists()

    def test_a_nonsense_role_keeps_the_input(self, as_user, cop_facilitator, ilo):
        response = as_user(cop_facilitator).post(
            url("stakeholder_link_list", "cop-pwd"), link_form(ilo, role="sponsor", note="Typed note")
        )
        assert "Select a valid choice" in response.content.decode()
        assert "Typed note" in response.content.decode()
        assert not StakeholderLink.objects.exists()

    def test_facilitator_edits_and_unlinks(self, as_user, cop_facilitator, cop_pwd, ilo):
        link = StakeholderLinkFactory(community=cop_pwd, organisation=ilo)
        client = as_user(cop_facilitator)
        assert client.get(url("stakeholder_link_update", "cop-pwd", link.pk)).status_code == 200
        client.post(
            url("stakeholder_link_update", "cop-pwd", link.pk),
            {"role": "media_partner", "started_on": "2024-02-01", "note": "Radio"},
        )
        link.refresh_from_db()
        assert (link.role, str(link.started_on), link.note) == ("media_partner", "2024-02-01", "Radio")
        client.post(url("stakeholder_link_remove", "cop-pwd", link.pk))
        assert not StakeholderLink.objects.exists()

    def test_member_may_not(self, as_user, cop_member, cop_pwd, ilo):
        link = StakeholderLinkFactory(community=cop_pwd, organisation=ilo)
        client = as_user(cop_member)
        assert client.get(url("stakeholder_link_list", "cop-pwd")).status_code == 403
        assert client.post(url("stakeholder_link_list", "cop-pwd"), link_form(ilo)).status_code == 403
        assert client.post(url("stakeholder_link_update", "cop-pwd", link.pk), {"role": "other"}).status_code == 403
        assert client.post(url("stakeholder_link_remove", "cop-pwd", link.pk)).status_code == 403
        link.refresh_from_db()
        assert link.role == StakeholderRole.FUNDER

    def test_a_link_of_another_community_is_404(self, as_user, cop_facilitator):
        elsewhere = StakeholderLinkFactory()
        assert as_user(cop_facilitator).post(url("stakeholder_link_remove", "cop-pwd", elsewhere.pk)).status_code == 404
        assert StakeholderLink.objects.count() == 1


def test_a_coordinator_who_is_no_member_manages_every_community(coordinator_client, cop_pwd):
    UserFactory()
    for name in ("membership_list", "membership_invite", "organisation_list", "stakeholder_link_list"):
        assert coordinator_client.get(url(name, "cop-pwd")).status_code == 200
