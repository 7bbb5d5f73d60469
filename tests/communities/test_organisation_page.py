"""An organisation's page lists the communities it is a member of, or linked to as a stakeholder."""

import datetime

import pytest
from django.urls import reverse

from communities.enums import StakeholderRole
from tests.factories import CommunityFactory, CommunityOrganisationFactory, OrganisationFactory, StakeholderLinkFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def linked(cop_pwd, ilo):
    hac = OrganisationFactory(name="HelpAge Cambodia", acronym="HAC", slug="hac")
    CommunityOrganisationFactory(community=cop_pwd, organisation=hac, joined_on=datetime.date(2021, 11, 15))
    StakeholderLinkFactory(community=cop_pwd, organisation=ilo, role=StakeholderRole.TECHNICAL_ADVISER)
    return cop_pwd


class TestOrganisationPage:
    def test_a_stakeholder_lists_the_communities_it_is_linked_to(self, member_client, linked, ilo):
        StakeholderLinkFactory(
            community=CommunityFactory(name="Community of Practice of Indigenous Peoples"),
            organisation=ilo,
            role=StakeholderRole.MEDIA_PARTNER,
        )
        html = main_text(member_client.get(ilo.get_absolute_url()))
        assert "Communities of practice" in html
        assert html.index("Community of Practice of Indigenous Peoples") < html.index(linked.name)
        assert "Technical adviser" in html and "Media partner" in html

    def test_a_member_organisation_lists_its_communities(self, member_client, linked):
        html = main_text(member_client.get(reverse("members:organisation_detail", args=["hac"])))
        assert linked.name in html
        assert "Member organisation" in html

    def test_an_organisation_in_no_community_shows_no_section(self, member_client, organisation):
        assert "Communities of practice" not in main_text(member_client.get(organisation.get_absolute_url()))

    def test_query_count_does_not_grow_with_communities(
        self, member_client, organisation, ilo, django_assert_num_queries
    ):
        StakeholderLinkFactory(organisation=ilo)
        CommunityOrganisationFactory(organisation=organisation)
        few = {page: queries_for(member_client, page.get_absolute_url()) for page in (ilo, organisation)}
        StakeholderLinkFactory.create_batch(10, organisation=ilo)
        CommunityOrganisationFactory.create_batch(10, organisation=organisation)
        for page, count in few.items():
            with django_assert_num_queries(count):
                member_client.get(page.get_absolute_url())
