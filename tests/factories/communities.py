import factory
from django.utils import timezone

from communities.enums import MembershipRole, MembershipStatus, StakeholderRole
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from members.models import FocusArea, RightsholderGroup

from .members import UserFactory
from .organisations import OrganisationFactory, StakeholderFactory


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Community of Practice {n:04d}")
    short_name = factory.Sequence(lambda n: f"CoP-{n}")
    slug = factory.Sequence(lambda n: f"cop-{n:04d}")
    purpose = "Member organisations learn together."

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(FocusArea.objects.filter(slug__in=extracted))

    @factory.post_generation
    def rightsholder_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.rightsholder_groups.set(RightsholderGroup.objects.filter(slug__in=extracted))


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member; pass status= for a request or an invitation."""

    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    person = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE
    decided_at = factory.LazyFunction(timezone.now)


class FacilitatorMembershipFactory(MembershipFactory):
    role = MembershipRole.FACILITATOR


class JoinRequestMembershipFactory(MembershipFactory):
    status = MembershipStatus.REQUESTED
    decided_at = None


class CommunityOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityOrganisation

    community = factory.SubFactory(CommunityFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class StakeholderLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderLink

    community = factory.SubFactory(CommunityFactory)
    organisation = factory.SubFactory(StakeholderFactory)
    role = StakeholderRole.FUNDER
