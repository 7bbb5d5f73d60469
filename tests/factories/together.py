import datetime

import factory

from network.models import Action, Objective, Signature, Statement, StatementVersion, WorkPlan

from .communities import CommunityFactory
from .organisations import OrganisationFactory


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Joint work plan {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(WorkPlanFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(OrganisationFactory)
    starts_on = datetime.date(2026, 1, 5)
    ends_on = datetime.date(2026, 3, 31)

    @factory.post_generation
    def supporters(self, create, extracted, **kwargs):
        if create and extracted:
            self.supporters.set(extracted)


class StatementFactory(factory.django.DjangoModelFactory):
    """A statement with its version 1; pass status= for a later stage."""

    class Meta:
        model = Statement
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Statement {n}")
    text = "Decent work for people with disabilities."

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create:
            StatementVersion.objects.create(statement=self, number=1, title=self.title, text=self.text)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    statement = factory.SubFactory(StatementFactory, status="open")
    organisation = factory.SubFactory(OrganisationFactory)
