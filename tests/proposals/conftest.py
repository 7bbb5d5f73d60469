from decimal import Decimal

import pytest

from proposals.enums import BudgetCategory, Currency
from tests.factories import (
    BudgetLineFactory,
    CallFactory,
    CommunityFactory,
    ExchangeRateFactory,
    FacilitatorMembershipFactory,
    KeyActivityFactory,
    MembershipFactory,
    ProposalFactory,
    StakeholderFactory,
    UserFactory,
)


@pytest.fixture
def cop_ip(db):
    return CommunityFactory(name="Community of Practice of Indigenous Peoples", short_name="CoP-IP", slug="cop-ip")


@pytest.fixture
def author(cop_ip):
    return MembershipFactory(
        community=cop_ip, person__display_name="Srey Leak", person__email="srey@cipl.example"
    ).person


@pytest.fixture
def co_author(cop_ip):
    return FacilitatorMembershipFactory(
        community=cop_ip, person__display_name="Norah Lay", person__email="norah@llc.example"
    ).person


@pytest.fixture
def cop_member(cop_ip):
    """An active member of the proposing community who is not a co-author."""
    return MembershipFactory(community=cop_ip, person__display_name="Kosal Chea").person


@pytest.fixture
def outsider(db):
    """An approved member of the network in no community: a possible reviewer."""
    return UserFactory(display_name="Bopha Ros", email="bopha@agef.example")


@pytest.fixture
def call(cop_ip):
    return CallFactory(
        title="Voice Linking and Learning small grants 2024", slug="voice-2024", eligible_communities=[cop_ip]
    )


@pytest.fixture
def proposal(call, cop_ip, author, co_author):
    return ProposalFactory(
        call=call,
        community=cop_ip,
        authors=[author, co_author],
        title="Kuy voices: a performance and an exhibition",
        summary="A one-day performance of Kuy-speaking people and an exhibition on Kuy culture.",
        section_answers={str(call.sections.get().pk): "Kuy elders choose the stories."},
    )


@pytest.fixture
def ready_proposal(proposal):
    """A draft that can be submitted: an activity, lines in USD and KHR and the KHR rate (500 + 150 = 650 USD)."""
    performance = KeyActivityFactory(proposal=proposal, title="Performance of Kuy-speaking people")
    BudgetLineFactory(
        proposal=proposal,
        activity=performance,
        category=BudgetCategory.VENUE,
        description="Hall for the performance",
        quantity=Decimal("1"),
        unit_cost=Decimal("150.00"),
        currency=Currency.USD,
    )
    BudgetLineFactory(
        proposal=proposal,
        activity=performance,
        category=BudgetCategory.MATERIALS,
        description="Exhibition panels",
        unit="panel",
        quantity=Decimal("100"),
        unit_cost=Decimal("20500"),
        currency=Currency.KHR,
    )
    ExchangeRateFactory(proposal=proposal, currency=Currency.KHR, rate=Decimal("4100"))
    return proposal


@pytest.fixture
def stakeholder(db):
    return StakeholderFactory(name="BBC Media Action", acronym="", slug="bbc-media-action")


@pytest.fixture
def as_user(client):
    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in
