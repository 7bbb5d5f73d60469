import pytest

from tests.factories import CommunityFactory, FacilitatorMembershipFactory, MembershipFactory, StakeholderFactory


@pytest.fixture
def cop_pwd(db):
    return CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities",
        short_name="CoP-PwD",
        slug="cop-pwd",
        purpose="Inclusive social protection and decent work.",
        themes=["disability", "social-protection"],
        rightsholder_groups=["people-with-disabilities"],
    )


@pytest.fixture
def cop_facilitator(cop_pwd):
    return FacilitatorMembershipFactory(
        community=cop_pwd, person__display_name="Norah Lay", person__email="norah@llc.example"
    ).person


@pytest.fixture
def cop_member(cop_pwd):
    return MembershipFactory(
        community=cop_pwd, person__display_name="Von Samphous", person__email="samphous@idea.example"
    ).person


@pytest.fixture
def ilo(db):
    return StakeholderFactory(name="International Labour Organization", acronym="ILO", slug="ilo")


@pytest.fixture
def as_user(client):
    """Sign the test client in as someone: as_user(person).get(...)."""

    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in
