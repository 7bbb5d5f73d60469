"""What the community page, the directory and an organisation's page show, to whom, and at what cost."""

import datetime

import pytest
from django.urls import reverse

from communities.enums import MembershipStatus, StakeholderRole
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    JoinRequestMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    StakeholderLinkFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("communities:community_list")
PAGE = reverse("communities:community_detail", args=["cop-pwd"])


@pytest.fixture
def full_community(cop_pwd, cop_facilitator, cop_member, ilo):
    hac = OrganisationFactory(name="HelpAge Cambodia", acronym="HAC", slug="hac")
    CommunityOrganisationFactory(community=cop_pwd, organisation=hac, joined_on=datetime.date(2021, 11, 15))
    AffiliationFactory(person=cop_member, organisation=hac)
    StakeholderLinkFactory(
        community=cop_pwd,
        organisation=ilo,
        role=StakeholderRole.TECHNICAL_ADVISER,
        note="Decent work for people with disabilities.",
        started_on=datetime.date(2023, 11, 8),
    )
    JoinRequestMembershipFactory(community=cop_pwd, person__display_name="Dara Kim", message="We run a school.")
    return cop_pwd


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


class TestCommunityPage:
    def test_about_organisations_people_and_stakeholders(self, member_client, full_community):
        html = main_text(member_client.get(PAGE))
        assert "Inclusive social protection and decent work." in html
        assert "Disability" in html and "People with disabilities" in html
        assert "HelpAge Cambodia" in html
        assert "Technical adviser" in html
        assert "Decent work for people with disabilities." in html
        assert "since 8 Nov 2023" in html

    def test_facilitators_come_first(self, member_client, full_community):
        MembershipFactory(community=full_community, person__display_name="Aaron Early")
        people = member_client.get(PAGE).context["people"]
        assert [membership.person.name for membership in people] == ["Norah Lay", "Aaron Early", "Von Samphous"]

    def test_network_members_outside_see_no_emails_nor_requests(self, member_client, full_community):
        html = main_text(member_client.get(PAGE))
        assert "norah@llc.example" not in html
        assert "Dara Kim" not in html
        assert "E-mail addresses are shown to the members of this community." in html
        assert "Ask to join" in html

    def test_community_members_see_emails_and_requests_without_buttons(self, as_user, full_community, cop_member):
        html = main_text(as_user(cop_member).get(PAGE))
        assert "mailto:norah@llc.example" in html
        assert "Dara Kim" in html and "We run a school." in html
        assert "Approve" not in html
        assert "Ask to join" not in html
        assert reverse("communities:membership_leave", args=["cop-pwd"]) in html

    def test_facilitators_get_the_buttons_and_tabs(self, as_user, full_community, cop_facilitator):
        html = main_text(as_user(cop_facilitator).get(PAGE))
        assert "Approve" in html
        assert reverse("communities:stakeholder_link_list", args=["cop-pwd"]) in html

    def test_invited_person_sees_accept_and_decline(self, member_client, member, cop_pwd, cop_facilitator):
        MembershipFactory(
            community=cop_pwd,
            person=member,
            status=MembershipStatus.INVITED,
            invited_by=cop_facilitator,
            message="Your work on OPDs fits.",
        )
        html = main_text(member_client.get(PAGE))
        assert "Norah Lay invited you on" in html
        assert "Your work on OPDs fits." in html
        assert 'value="accept"' in html
        assert "Ask to join" not in html

    def test_a_person_who_asked_sees_that_they_wait(self, member_client, member, cop_pwd):
        JoinRequestMembershipFactory(community=cop_pwd, person=member)
        html = main_text(member_client.get(PAGE))
        assert "You asked to join on" in html
        assert "Ask to join</a>" not in html

    def test_timeline_shows_what_happened_newest_first(self, member_client, full_community, cop_member):
        cop_member.community_memberships.update(decided_at=datetime.datetime(2022, 5, 2, 3, tzinfo=datetime.UTC))
        cop_facilitator = full_community.memberships.get(role="facilitator")
        cop_facilitator.decided_at = datetime.datetime(2021, 11, 16, 3, tzinfo=datetime.UTC)
        cop_facilitator.save()
        timeline = member_client.get(PAGE).context["timeline"]
        assert [(entry.on.isoformat(), entry.kind) for entry in timeline] == [
            ("2023-11-08", "stakeholder_linked"),
            ("2022-05-02", "member_joined"),
            ("2021-11-16", "member_joined"),
            ("2021-11-15", "organisation_joined"),
        ]
        html = main_text(member_client.get(PAGE))
        assert "International Labour Organization linked as technical adviser" in html
        assert "HelpAge Cambodia became a member organisation" in html

    def test_empty_community_says_so(self, member_client, cop_pwd):
        html = main_text(member_client.get(PAGE))
        assert "No member organisations yet." in html
        assert "No stakeholders linked yet." in html
        assert "Nothing has happened here yet." in html

    def test_query_count_does_not_grow_with_members(
        self, as_user, full_community, cop_member, django_assert_num_queries
    ):
        client = as_user(cop_member)
        few = queries_for(client, PAGE)
        for _ in range(100):
            person = AffiliationFactory().person
            MembershipFactory(community=full_community, person=person)
            JoinRequestMembershipFactory(community=full_community)
        CommunityOrganisationFactory.create_batch(10, community=full_community)
        StakeholderLinkFactory.create_batch(10, community=full_community)
        with django_assert_num_queries(few):
            response = client.get(PAGE)
        # The page shows the first 12 of the 102 people and links to all of them, a page at a time.
        assert len(response.context["people"]) == 12
        assert response.context["people_count"] == 102
        assert reverse("communities:member_list", args=["cop-pwd"]) in response.content.decode()

    def test_people_page_query_count_does_not_grow(
        self, as_user, full_community, cop_facilitator, django_assert_num_queries
    ):
        client = as_user(cop_facilitator)
        people_url = reverse("communities:membership_list", args=["cop-pwd"])
        few = queries_for(client, people_url)
        MembershipFactory.create_batch(100, community=full_community)
        JoinRequestMembershipFactory.create_batch(20, community=full_community)
        with django_assert_num_queries(few):
            client.get(people_url)


class TestDirectory:
    def test_cards_show_counts_and_the_viewers_place(self, as_user, full_community, cop_member):
        CommunityFactory(name="Another CoP")
        response = as_user(cop_member).get(DIRECTORY)
        cards = {community.short_name: community for community in response.context["page"].object_list}
        pwd = cards["CoP-PwD"]
        assert (pwd.member_count, pwd.organisation_count, pwd.stakeholder_count) == (2, 1, 1)
        assert (pwd.my_status, pwd.my_role) == ("active", "member")
        html = main_text(response)
        assert "You are a member" in html
        assert "2 people" in html and "1 organisation" in html and "1 stakeholder" in html

    def test_inactive_communities_only_for_coordinators(self, as_user, member, coordinator):
        CommunityFactory(name="Closed CoP", is_active=False)
        assert "Closed CoP" not in main_text(as_user(member).get(DIRECTORY))
        html = main_text(as_user(coordinator).get(DIRECTORY))
        assert "Closed CoP" in html
        assert "No longer active" in html

    def test_query_count_does_not_grow_with_members(self, member_client, cop_pwd, django_assert_num_queries):
        MembershipFactory(community=cop_pwd)
        CommunityOrganisationFactory(community=cop_pwd)
        few = queries_for(member_client, DIRECTORY)
        for _ in range(3):
            other = CommunityFactory(themes=["women", "youth"], rightsholder_groups=["women"])
            CommunityOrganisationFactory.create_batch(3, community=other)
            StakeholderLinkFactory(community=other)
        MembershipFactory.create_batch(100, community=cop_pwd)
        with django_assert_num_queries(few):
            response = member_client.get(DIRECTORY)
        counts = {card.short_name: card.member_count for card in response.context["page"].object_list}
        assert counts["CoP-PwD"] == 101


def test_communities_of_lists_a_persons_active_communities(cop_pwd, cop_facilitator):
    from communities.selectors import communities_of

    other = CommunityFactory(name="B CoP")
    MembershipFactory(community=other, person=cop_facilitator)
    MembershipFactory(community=CommunityFactory(name="C CoP"), person=cop_facilitator, status=MembershipStatus.LEFT)
    FacilitatorMembershipFactory(community=CommunityFactory(name="D CoP"), person=UserFactory())
    assert [(c.name, c.my_role) for c in communities_of(cop_facilitator)] == [
        ("B CoP", "member"),
        (cop_pwd.name, "facilitator"),
    ]


class TestMemberList:
    """All of a community's people, a page at a time, behind the community page's "show all" link."""

    LIST = reverse("communities:member_list", args=["cop-pwd"])

    def test_network_member_sees_everyone_a_page_at_a_time(self, member_client, full_community, settings):
        settings.PAGE_SIZE = 2
        MembershipFactory(community=full_community, person__display_name="Aaron Early")
        first = member_client.get(self.LIST)
        assert [m.person.name for m in first.context["page"].object_list] == ["Norah Lay", "Aaron Early"]
        assert first.context["page"].paginator.count == 3
        second = member_client.get(self.LIST + "?page=2")
        assert [m.person.name for m in second.context["page"].object_list] == ["Von Samphous"]
        assert "Dara Kim" not in main_text(second)  # asked to join, not a member yet
        assert "norah@llc.example" not in main_text(first)

    def test_community_members_see_emails(self, as_user, full_community, cop_member):
        assert "mailto:norah@llc.example" in main_text(as_user(cop_member).get(self.LIST))

    def test_person_waiting_for_approval_may_not(self, client, pending_user, full_community):
        client.force_login(pending_user)
        assert client.get(self.LIST).status_code == 403

    def test_hostile_page_numbers_and_unknown_community(self, member_client, full_community):
        for page in ("abc", "%00", "99999999999999999999", "-1"):
            assert member_client.get(f"{self.LIST}?page={page}").status_code == 200
        assert member_client.get(reverse("communities:member_list", args=["nope"])).status_code == 404

    def test_query_count_does_not_grow_with_members(
        self, as_user, full_community, cop_member, django_assert_num_queries
    ):
        client = as_user(cop_member)
        few = queries_for(client, self.LIST)
        for _ in range(60):
            MembershipFactory(community=full_community, person=AffiliationFactory().person)
        with django_assert_num_queries(few):
            response = client.get(self.LIST)
        assert response.context["page"].paginator.count == 62


class TestCommunityPageParts:
    def test_show_all_link_only_when_people_are_left_out(self, member_client, full_community):
        html = main_text(member_client.get(PAGE))
        assert reverse("communities:member_list", args=["cop-pwd"]) not in html
        MembershipFactory.create_batch(11, community=full_community)
        html = main_text(member_client.get(PAGE))
        assert "Show all 13 people" in html

    def test_timeline_names_the_newest_members_first(self, member_client, full_community):
        newest = MembershipFactory(community=full_community, person__display_name="Newest Person")
        timeline = member_client.get(PAGE).context["timeline"]
        joined = [entry.subject for entry in timeline if entry.kind == "member_joined"]
        assert joined[0] == newest

    def test_own_request_is_shown_to_its_author(self, as_user, full_community):
        asking = JoinRequestMembershipFactory(community=full_community)
        response = as_user(asking.person).get(PAGE)
        assert response.context["my_membership"] == asking
        assert response.context["waiting"] == []  # only members see who is waiting
