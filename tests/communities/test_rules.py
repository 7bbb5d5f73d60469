import pytest
from django.urls import reverse

from communities.enums import MembershipStatus
from tests.factories import FacilitatorMembershipFactory, MembershipFactory

pytestmark = pytest.mark.django_db
REGISTER = reverse("members:stakeholder_list")


def test_a_community_facilitator_keeps_the_stakeholder_register(as_user, cop_facilitator):
    assert as_user(cop_facilitator).get(REGISTER).status_code == 200


def test_a_community_member_does_not(as_user, cop_member):
    assert as_user(cop_member).get(REGISTER).status_code == 403


def test_a_facilitator_who_left_does_not(as_user, cop_pwd):
    former = FacilitatorMembershipFactory(community=cop_pwd, status=MembershipStatus.LEFT).person
    assert as_user(former).get(REGISTER).status_code == 403


def test_staff_of_a_facilitating_organisation_still_do(as_user, facilitator):
    assert as_user(facilitator).get(REGISTER).status_code == 200


def test_permissions_by_role(coordinator, member, pending_user, cop_pwd, cop_member, cop_facilitator):
    expected = {
        "communities.view_community": {coordinator, member, cop_member, cop_facilitator},
        "communities.view_members_only": {coordinator, cop_member, cop_facilitator},
        "communities.manage_community": {coordinator, cop_facilitator},
        "communities.change_community": {coordinator},
        "communities.add_community": {coordinator},
        "communities.leave_community": {cop_member, cop_facilitator},
    }
    for perm, allowed in expected.items():
        for person in (coordinator, member, pending_user, cop_member, cop_facilitator):
            assert person.has_perm(perm, cop_pwd) is (person in allowed), (perm, person.name)


def test_a_facilitator_of_one_community_does_not_manage_another(cop_pwd, cop_facilitator):
    other = MembershipFactory(person=cop_facilitator).community
    assert cop_facilitator.has_perm("communities.view_members_only", other)
    assert not cop_facilitator.has_perm("communities.manage_community", other)
