import factory

from members.enums import AffiliationRole, OrganisationKind, StakeholderType
from members.models import Affiliation, ContactPerson, FocusArea, JoinRequest, Organisation, Region

from .members import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n:04d}")
    slug = factory.Sequence(lambda n: f"organisation-{n:04d}")
    acronym = factory.Sequence(lambda n: f"O{n}")
    kind = OrganisationKind.MEMBER
    mission = "Education and wellbeing of children."
    email = factory.Sequence(lambda n: f"office{n}@ngo.example")
    phone = "+855 12 345 678"

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(FocusArea.objects.filter(slug__in=extracted))

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(Region.objects.filter(slug__in=extracted))


class StakeholderFactory(OrganisationFactory):
    kind = OrganisationKind.STAKEHOLDER
    stakeholder_type = StakeholderType.UN_AGENCY


class FacilitatorOrganisationFactory(OrganisationFactory):
    kind = OrganisationKind.FACILITATOR


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = "Programme officer"
    role = AffiliationRole.STAFF


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(StakeholderFactory)
    name = factory.Faker("name")


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    requested_by = factory.SubFactory(UserFactory)
    organisation_name = factory.Sequence(lambda n: f"Hopeful NGO {n}")
    mission = "Libraries for rural children."
    position = "Director"
