import pytest

from communities.enums import MembershipRole, MembershipStatus
from communities.models import Community, Membership


@pytest.fixture
def cop_pwd(db):
    return Community.objects.create(
        name="Community of Practice on people with disabilities", short_name="CoP-PwD", slug="cop-pwd"
    )


@pytest.fixture
def community_facilitator(cop_pwd, facilitator):
    Membership.objects.create(
        community=cop_pwd, person=facilitator, role=MembershipRole.FACILITATOR, status=MembershipStatus.ACTIVE
    )
    return facilitator
