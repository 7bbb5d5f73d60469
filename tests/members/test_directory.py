import csv
import io

import pytest
from django.urls import reverse

from members.enums import OrganisationKind, OrganisationStatus, StakeholderType
from tests.factories import AffiliationFactory, OrganisationFactory, StakeholderFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("members:organisation_list")


def names(response):
    return [organisation.name for organisation in response.context["page"].object_list]


class TestWhoMaySee:
    def test_member_sees_the_directory(self, member_client, organisation):
        response = member_client.get(DIRECTORY)
        assert response.status_code == 200
        assert names(response) == ["Angkor Girls' Education Fund"]

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(DIRECTORY)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_person_waiting_for_approval_may_not(self, client, pending_user):
        client.force_login(pending_user)
        assert client.get(DIRECTORY).status_code == 403
        assert client.get(reverse("members:person_list")).status_code == 403


class TestFilters:
    @pytest.fixture
    def orgs(self):
        return {
            "school": OrganisationFactory(
                name="Siem Reap Learning Centre", focus_areas=["education"], regions=["kh-siem-reap"]
            ),
            "health": OrganisationFactory(
                name="Kampot Health Partners",
                focus_areas=["health-and-hiv"],
                regions=["kh-kampot"],
                mission="Village health volunteers.",
            ),
            "both": OrganisationFactory(
                name="Battambang Youth Arts",
                focus_areas=["education", "arts-and-culture"],
                regions=["kh-battambang", "kh-siem-reap"],
                mission="Circus for young people.",
            ),
            "ilo": StakeholderFactory(name="International Labour Organization", acronym="ILO"),
            "former": OrganisationFactory(name="Closed Shelter", status=OrganisationStatus.FORMER),
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("focus_area=education", ["Battambang Youth Arts", "Siem Reap Learning Centre"]),
            ("region=kh-siem-reap", ["Battambang Youth Arts", "Siem Reap Learning Centre"]),
            ("focus_area=education&region=kh-battambang", ["Battambang Youth Arts"]),
            ("kind=stakeholder", ["International Labour Organization"]),
            ("stakeholder_type=un_agency", ["International Labour Organization"]),
            ("q=circus", ["Battambang Youth Arts"]),
            ("q=ilo", ["International Labour Organization"]),
            ("status=former", ["Closed Shelter"]),
            (
                "sort=-name&kind=member&status=active",
                ["Siem Reap Learning Centre", "Kampot Health Partners", "Battambang Youth Arts"],
            ),
        ],
    )
    def test_filter(self, member_client, orgs, query, expected):
        assert names(member_client.get(f"{DIRECTORY}?{query}")) == expected

    @pytest.mark.parametrize(
        "query", ["focus_area=no-such-area", "kind=spaceship", "sort=password", "page=abc", "page=999", "region=%00"]
    )
    def test_nonsense_parameters_never_break_the_page(self, member_client, orgs, query):
        response = member_client.get(f"{DIRECTORY}?{query}")
        assert response.status_code == 200

    def test_unknown_filter_value_is_ignored_with_a_message(self, member_client, orgs):
        response = member_client.get(f"{DIRECTORY}?focus_area=no-such-area")
        assert len(names(response)) == 5
        assert "Some filters were not understood" in response.content.decode()

    def test_pagination_keeps_the_filters(self, member_client):
        OrganisationFactory.create_batch(30, focus_areas=["education"])
        response = member_client.get(f"{DIRECTORY}?focus_area=education")
        assert len(names(response)) == 24
        assert "?focus_area=education&amp;page=2" in response.content.decode()


def test_directory_query_count_does_not_grow(member_client, django_assert_num_queries):
    OrganisationFactory(focus_areas=["education"], regions=["kh-kampot"])
    few = queries_for(member_client, DIRECTORY)
    for _ in range(199):
        organisation = OrganisationFactory(focus_areas=["education", "women"], regions=["kh-kampot", "kh-kep"])
        AffiliationFactory(organisation=organisation)
    with django_assert_num_queries(few):
        response = member_client.get(DIRECTORY)
    assert response.context["page"].paginator.count == 200


def test_people_directory_query_count_does_not_grow(member_client, django_assert_num_queries):
    AffiliationFactory()
    url = reverse("members:person_list")
    few = queries_for(member_client, url)
    AffiliationFactory.create_batch(60)
    with django_assert_num_queries(few):
        member_client.get(url)


class TestExport:
    def test_coordinator_exports_the_filtered_directory(self, coordinator_client):
        OrganisationFactory(name="ក្រុមកុមារ Khmer Kids", focus_areas=["education"], staff_size=12)
        OrganisationFactory(name="Other", focus_areas=["women"])
        response = coordinator_client.get(reverse("members:organisation_export") + "?focus_area=education")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["Name", "Acronym", "Kind"]
        assert len(rows) == 2
        assert rows[1][0] == "ក្រុមកុមារ Khmer Kids"
        assert rows[1][5] == "Education"
        assert rows[1][12] == "12"

    def test_member_may_not_export(self, member_client):
        assert member_client.get(reverse("members:organisation_export")).status_code == 403


class TestOrganisationPage:
    def test_shows_people_and_contacts_to_members(self, member_client, organisation, leader):
        response = member_client.get(reverse("members:organisation_detail", args=["agef"]))
        html = response.content.decode()
        assert leader.name in html
        assert "Director" in html
        assert organisation.email in html

    def test_unknown_organisation_is_404(self, member_client):
        assert member_client.get(reverse("members:organisation_detail", args=["nope"])).status_code == 404

    def test_page_query_count_does_not_grow_with_people(self, member_client, organisation, django_assert_num_queries):
        url = reverse("members:organisation_detail", args=["agef"])
        AffiliationFactory(organisation=organisation)
        few = queries_for(member_client, url)
        AffiliationFactory.create_batch(30, organisation=organisation)
        with django_assert_num_queries(few):
            member_client.get(url)

    def test_kind_labels(self, member_client):
        StakeholderFactory(slug="bbc", name="BBC Media Action", stakeholder_type=StakeholderType.MEDIA)
        html = member_client.get(reverse("members:organisation_detail", args=["bbc"])).content.decode()
        assert "Stakeholder · Media" in html
        assert OrganisationKind.STAKEHOLDER.label == "Stakeholder"
