import pytest

from communities.enums import MembershipRole, MembershipStatus
from communities.models import Community, Membership


@pytest.fixture
def community(db):
    return Community.objects.create(
        name="Community of Practice on people with disabilities", short_name="CoP-PwD", slug="cop-pwd"
    )


@pytest.fixture
def community_facilitator(community, facilitator):
    Membership.objects.create(
        community=community, person=facilitator, role=MembershipRole.FACILITATOR, status=MembershipStatus.ACTIVE
    )
    return facilitator


def join(community, person):
    return Membership.objects.create(community=community, person=person, status=MembershipStatus.ACTIVE)
