import factory

from members.enums import OfferCategory, OfferKind
from members.models import Offer
from network.models import Enquiry, EnquiryMessage

from .members import UserFactory
from .organisations import OrganisationFactory


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = OfferKind.OFFER
    title = factory.Sequence(lambda n: f"Woven scarf {n:04d}")
    category = OfferCategory.HANDICRAFTS
    description = "Hand-woven cotton scarves made by Kuy women in Preah Vihear."
    price_min = 8
    price_max = 15
    languages = ["km", "kdt"]


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    offer = factory.SubFactory(OfferFactory)
    subject = factory.SelfAttribute("offer.title")
    organisation = factory.SelfAttribute("offer.organisation")
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if create:
            EnquiryMessage.objects.create(enquiry=self, author=self.author, body=extracted or "Do you sell 40 scarves?")
