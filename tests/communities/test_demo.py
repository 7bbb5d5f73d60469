import pytest
from django.core.management import call_command

from communities import services
from communities.enums import MembershipRole, MembershipStatus
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from members.models import User

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Community.objects.values_list("slug", "name", "short_name", "purpose", "created_at")),
        sorted(CommunityOrganisation.objects.values_list("community__slug", "organisation__acronym", "joined_on")),
        sorted(
            Membership.objects.values_list(
                "community__slug", "person__email", "role", "status", "message", "decided_at"
            )
        ),
        sorted(
            StakeholderLink.objects.values_list("community__slug", "organisation__name", "role", "note", "started_on")
        ),
    )


def test_seed_demo_twice_gives_the_same_communities():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_the_four_communities_with_their_organisations_and_stakeholders():
    call_command("seed_demo")
    organisations = {
        community.short_name: sorted(link.organisation.acronym for link in community.organisation_links.all())
        for community in Community.objects.all()
    }
    assert organisations == {
        "CoP-IP": ["CIPL", "WPM"],
        "CoP-OPA": ["HAC", "IDEA"],
        "CoP-PwD": ["HAC", "IDEA", "IHPP"],
        "CoP-Women": ["AUA", "CFSWF", "WPM"],
    }
    links = set(StakeholderLink.objects.values_list("community__short_name", "organisation__acronym", "role"))
    assert ("CoP-PwD", "ILO", "technical_adviser") in links
    assert ("CoP-OPA", "MoSVY", "government_counterpart") in links
    assert {row[0] for row in links if row[2] == "funder"} == {"CoP-IP", "CoP-OPA", "CoP-PwD", "CoP-Women"}
    assert {row[0] for row in links if row[2] == "media_partner"} == {"CoP-IP", "CoP-Women"}
    facilitated = Membership.objects.filter(
        person__email="facilitator@demo.example", role=MembershipRole.FACILITATOR, status=MembershipStatus.ACTIVE
    )
    assert facilitated.count() == 4


def test_dara_kim_is_free_to_ask_to_join_cop_pwd():
    call_command("seed_demo")
    dara = User.objects.get(email="leader@demo.example")
    assert not dara.community_memberships.exists()
    membership = services.membership_request(community=Community.objects.get(short_name="CoP-PwD"), person=dara)
    assert membership.status == MembershipStatus.REQUESTED
