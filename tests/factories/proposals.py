from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from proposals.enums import BudgetCategory, Currency, ProposalStatus
from proposals.models import (
    BaselineLine,
    BudgetLine,
    Call,
    CallSection,
    ExchangeRate,
    Expense,
    KeyActivity,
    Proposal,
    ProposalVersion,
    ReviewAssignment,
    ReviewCriterion,
)

from .communities import CommunityFactory
from .members import UserFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An open call with a 5,000 USD ceiling, one section and two criteria; eligible_communities=[...]."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Small grants {n}")
    slug = factory.Sequence(lambda n: f"small-grants-{n}")
    description = "Small grants for communities of practice."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    time_zone = "Asia/Phnom_Penh"
    budget_ceiling = Decimal("5000.00")
    currency = Currency.USD

    @factory.post_generation
    def eligible_communities(self, create, extracted, **kwargs):
        if create and extracted:
            self.eligible_communities.set(extracted)

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if not create:
            return
        headings = ["How will rightsholders lead the work?"] if extracted is None else extracted
        for position, heading in enumerate(headings, start=1):
            CallSection.objects.create(call=self, position=position, heading=heading)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        rows = [("Relevance", 60), ("Feasibility", 40)] if extracted is None else extracted
        for position, (title, weight) in enumerate(rows, start=1):
            ReviewCriterion.objects.create(call=self, position=position, title=title, weight=weight)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft with a first version; authors=[...] names its co-authors."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    summary = "A performance and an exhibition."
    status = ProposalStatus.DRAFT
    version = 1

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from proposals.services.drafting import content_of

            ProposalVersion.objects.create(proposal=self, number=self.version, content=content_of(self))


class KeyActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyActivity

    proposal = factory.SubFactory(ProposalFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=40))
    ends_on = factory.LazyAttribute(lambda activity: activity.starts_on + timedelta(days=1))
    place = "Preah Vihear"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    proposal = factory.SubFactory(ProposalFactory)
    category = BudgetCategory.VENUE
    description = factory.Sequence(lambda n: f"Line {n}")
    unit = "day"
    quantity = Decimal("1")
    unit_cost = Decimal("100.00")
    currency = Currency.USD
    position = factory.Sequence(lambda n: n)


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    proposal = factory.SubFactory(ProposalFactory)
    currency = Currency.KHR
    rate = Decimal("4100")


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    proposal = factory.SubFactory(ProposalFactory, status=ProposalStatus.UNDER_REVIEW)
    reviewer = factory.SubFactory(UserFactory)


class BaselineLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaselineLine

    proposal = factory.SubFactory(ProposalFactory, status=ProposalStatus.APPROVED)
    category = BudgetCategory.VENUE
    description = factory.Sequence(lambda n: f"Approved line {n}")
    unit = "day"
    quantity = Decimal("1")
    unit_cost = Decimal("100.00")
    currency = Currency.USD
    rate = Decimal("1")
    approved_amount = Decimal("100.00")
    position = factory.Sequence(lambda n: n)


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    line = factory.SubFactory(BaselineLineFactory)
    proposal = factory.SelfAttribute("line.proposal")
    spent_on = factory.LazyFunction(date.today)
    amount = Decimal("40.00")
    currency = Currency.USD
    rate = Decimal("1")
    amount_in_call_currency = Decimal("40.00")
    description = factory.Sequence(lambda n: f"Expense {n}")
