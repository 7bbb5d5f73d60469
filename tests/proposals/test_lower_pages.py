"""Pages of lower apps that show proposals, found through the reverse relations."""

import pytest
from django.urls import reverse

from tests.factories import KeyActivityFactory, ProposalFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


class TestLowerPages:
    def test_the_community_page_lists_the_proposals_the_viewer_may_see(
        self, as_user, ready_proposal, cop_member, member
    ):
        approved = ProposalFactory(
            call=ready_proposal.call, community=ready_proposal.community, title="Funded one", status="approved"
        )
        html = as_user(cop_member).get(reverse("communities:community_detail", args=["cop-ip"])).content.decode()
        assert ready_proposal.title in html and "Funded one" in html
        html = as_user(member).get(reverse("communities:community_detail", args=["cop-ip"])).content.decode()
        assert ready_proposal.title not in html and approved.title in html

    def test_the_organisation_page_lists_proposals_it_is_responsible_for(
        self, as_user, ready_proposal, cop_member, organisation
    ):
        ready_proposal.activities.update(responsible_organisation=organisation)
        html = as_user(cop_member).get(organisation.get_absolute_url()).content.decode()
        assert "Responsible for activities in proposals" in html
        assert "Performance of Kuy-speaking people" in html

    def test_the_navigation_shows_proposals(self, member_client):
        assert (
            f'href="{reverse("proposals:proposal_list")}"'
            in member_client.get(reverse("dashboard_detail")).content.decode()
        )

    def test_the_community_page_does_not_grow_with_proposals(
        self, as_user, ready_proposal, cop_member, django_assert_num_queries
    ):
        page = reverse("communities:community_detail", args=["cop-ip"])
        client = as_user(cop_member)
        few = queries_for(client, page)
        for _ in range(10):
            ProposalFactory(call=ready_proposal.call, community=ready_proposal.community, status="approved")
        with django_assert_num_queries(few):
            response = client.get(page)
        assert len(response.context["proposals"]) == 11

    def test_the_organisation_page_does_not_grow_with_activities(
        self, as_user, ready_proposal, cop_member, organisation, django_assert_num_queries
    ):
        ready_proposal.activities.update(responsible_organisation=organisation)
        client = as_user(cop_member)
        few = queries_for(client, organisation.get_absolute_url())
        for _ in range(10):
            other = ProposalFactory(call=ready_proposal.call, community=ready_proposal.community)
            KeyActivityFactory.create_batch(2, proposal=other, responsible_organisation=organisation)
        with django_assert_num_queries(few):
            response = client.get(organisation.get_absolute_url())
        assert len(response.context["proposals"]) == 11
