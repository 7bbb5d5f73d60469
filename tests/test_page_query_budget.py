"""Every key page of `make bench` stays within its query budget of 15, with rows on it (README, Performance)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from communities.enums import MembershipStatus
from communities.models import Membership
from tests.factories.board import ChallengeFactory, ReplyFactory
from tests.factories.communities import CommunityFactory
from tests.factories.events import MeetingFactory
from tests.factories.organisations import AffiliationFactory
from tests.factories.proposals import BudgetLineFactory, ProposalFactory

BUDGET = 15


@pytest.fixture
def network(member, coordinator):
    community = CommunityFactory()
    people = [AffiliationFactory().person for _ in range(12)] + [member]
    for person in people:
        Membership.objects.create(community=community, person=person, status=MembershipStatus.ACTIVE)
    challenges = ChallengeFactory.create_batch(12, community=None)
    for n, person in enumerate(people):
        ReplyFactory(challenge=challenges[n % 3], author=person)
    # The challenge page's parts: an answer to a reply, an accepted reply on another page of threads.
    accepted = ReplyFactory(challenge=challenges[0], is_accepted=True)
    ReplyFactory(challenge=challenges[0], parent=accepted)
    ReplyFactory.create_batch(60, challenge=challenges[0])
    MeetingFactory.create_batch(6, community=community)
    proposal = ProposalFactory(community=community, authors=[member])
    BudgetLineFactory.create_batch(20, proposal=proposal)
    return {"community": community, "challenge": challenges[0], "proposal": proposal}


def key_pages(network):
    challenge_list = reverse("network:challenge_list")
    return {
        "dashboard": reverse("dashboard_detail"),
        "calendar month": reverse("events:meeting_calendar"),
        "upcoming": reverse("events:meeting_list_upcoming"),
        "challenge list": challenge_list,
        "search": challenge_list + "?q=funding",
        "directory": reverse("members:person_list"),
        "proposal list": reverse("proposals:proposal_list"),
        "budget": reverse("proposals:budget_detail", args=[network["proposal"].pk]),
        "challenge": reverse("network:challenge_detail", args=[network["challenge"].pk]),
        "challenge, second page of replies": reverse("network:challenge_detail", args=[network["challenge"].pk])
        + "?page=2",
        "community": reverse("communities:community_detail", args=[network["community"].slug]),
        "community people": reverse("communities:member_list", args=[network["community"].slug]),
        "proposal": reverse("proposals:proposal_detail", args=[network["proposal"].pk]),
    }


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_key_pages_stay_within_the_query_budget(role, client, request, network, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(role))
    for name, url in key_pages(network).items():
        client.get(url)  # warms the per-process caches
        with django_assert_max_num_queries(BUDGET, info=f"{name} as {role}"):
            assert client.get(url).status_code == 200, name


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_a_first_visit_with_nothing_cached_stays_within_it_too(
    role, client, request, network, django_assert_max_num_queries
):
    """The cached sections (the dashboard's, the budget tables) are computed on a first visit after a change.

    Every page also counts the bell's unread notifications afresh then: one query over the budget at most.
    """
    client.force_login(request.getfixturevalue(role))
    for name, url in key_pages(network).items():
        client.get(url)
        cache.clear()
        with django_assert_max_num_queries(BUDGET + 1, info=f"{name} as {role}, nothing cached"):
            assert client.get(url).status_code == 200, name
