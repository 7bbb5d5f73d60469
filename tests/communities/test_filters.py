import pytest
from django.urls import reverse

from tests.factories import CommunityFactory, CommunityOrganisationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("communities:community_list")


def names(response):
    return [community.short_name for community in response.context["page"].object_list]


@pytest.fixture
def communities(db):
    hac = OrganisationFactory(name="HelpAge Cambodia", acronym="HAC", slug="hac")
    cipl = OrganisationFactory(name="Conserve Indigenous Peoples Languages", acronym="CIPL", slug="cipl")
    OrganisationFactory(name="In no community", slug="lonely")
    found = {
        "ip": CommunityFactory(
            name="CoP of Indigenous Peoples",
            short_name="CoP-IP",
            themes=["indigenous-peoples", "arts-and-culture"],
            rightsholder_groups=["indigenous-peoples"],
            purpose="Keep the Kuy language alive.",
        ),
        "opa": CommunityFactory(
            name="CoP of Older People",
            short_name="CoP-OPA",
            themes=["elderly-people", "disability"],
            rightsholder_groups=["older-people", "people-with-disabilities"],
        ),
        "pwd": CommunityFactory(
            name="CoP of People with Disabilities",
            short_name="CoP-PwD",
            themes=["disability"],
            rightsholder_groups=["people-with-disabilities"],
        ),
    }
    CommunityOrganisationFactory(community=found["opa"], organisation=hac)
    CommunityOrganisationFactory(community=found["pwd"], organisation=hac)
    CommunityOrganisationFactory(community=found["ip"], organisation=cipl)
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["CoP-IP", "CoP-OPA", "CoP-PwD"]),
        ("theme=disability", ["CoP-OPA", "CoP-PwD"]),
        ("rightsholder_group=people-with-disabilities", ["CoP-OPA", "CoP-PwD"]),
        ("rightsholder_group=older-people", ["CoP-OPA"]),
        ("organisation=hac", ["CoP-OPA", "CoP-PwD"]),
        ("organisation=hac&theme=elderly-people", ["CoP-OPA"]),
        ("q=kuy", ["CoP-IP"]),
        ("q=cop-pwd", ["CoP-PwD"]),
        ("q=%20%20", ["CoP-IP", "CoP-OPA", "CoP-PwD"]),
    ],
)
def test_filter(member_client, communities, query, expected):
    assert names(member_client.get(f"{DIRECTORY}?{query}")) == expected


def test_a_community_with_two_matching_themes_is_listed_once(member_client, communities):
    response = member_client.get(f"{DIRECTORY}?rightsholder_group=people-with-disabilities&theme=disability")
    assert names(response) == ["CoP-OPA", "CoP-PwD"]


def test_only_organisations_in_a_community_are_offered(member_client, communities):
    choices = [
        label for _value, label in member_client.get(DIRECTORY).context["filter"].form.fields["organisation"].choices
    ]
    assert choices[1:] == ["Conserve Indigenous Peoples Languages", "HelpAge Cambodia"]


@pytest.mark.parametrize(
    "query",
    [
        "theme=no-such-theme",
        "rightsholder_group=martians",
        "organisation=lonely",
        "organisation=%00",
        "theme[]=x",
        "page=abc",
        "page=999",
        "q=" + "x" * 3000,
        "q=%ff%fe",
    ],
)
def test_nonsense_never_breaks_the_page(member_client, communities, query):
    assert member_client.get(f"{DIRECTORY}?{query}").status_code == 200


def test_unknown_filter_value_is_ignored_with_a_message(member_client, communities):
    response = member_client.get(f"{DIRECTORY}?theme=no-such-theme")
    assert len(names(response)) == 3
    assert "Some filters were not understood and were left out." in response.content.decode()
