"""A won grant tracked with the proposals' budget tools: who links a consortium to its proposal, and what its page shows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.enums import AffiliationRole
from network.enums import ConsortiumOutcome
from network.models import Consortium, FundingOpportunity
from network.services import funding
from proposals.enums import ExpenseCheck, ProposalStatus
from tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from tests.factories.communities import MembershipFactory
from tests.factories.proposals import BaselineLineFactory, ExpenseFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def leader_of(organisation):
    return AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER, person__language="en").person


def staff_of(organisation):
    return AffiliationFactory(organisation=organisation, role=AffiliationRole.STAFF, person__language="en").person


@pytest.fixture
def people():
    lead, partner = OrganisationFactory(acronym="CDPO"), OrganisationFactory(acronym="LftW")
    return {
        "lead": lead,
        "lead_leader": leader_of(lead),
        "lead_staff": staff_of(lead),
        "partner": partner,
        "partner_leader": leader_of(partner),
    }


@pytest.fixture
def consortium(people):
    call = FundingOpportunity.objects.create(
        donor="ILO", title="Decent employment", deadline=timezone.localdate() + timedelta(days=30)
    )
    made = funding.consortium_create(opportunity=call, lead=people["lead"], by=people["lead_leader"])
    invited = funding.consortium_invite(
        consortium=made, organisation=people["partner"], role="Training", by=people["lead_leader"]
    )
    funding.consortium_partner_answer(partner=invited, accept=True, by=people["partner_leader"])
    return made


def win(consortium, by):
    return funding.consortium_record_outcome(
        consortium=consortium, outcome=ConsortiumOutcome.WON, amount_won=Decimal("45000"), by=by
    )


@pytest.fixture
def funded(people):
    """An approved proposal of a community the lead's leader is an active member of: 300 approved, 40 spent
    (accepted) and 25 claimed, waiting for a check."""
    proposal = ProposalFactory(status=ProposalStatus.APPROVED, title="Jobs for persons with disabilities")
    MembershipFactory(community=proposal.community, person=people["lead_leader"])
    lines = [BaselineLineFactory(proposal=proposal, approved_amount=Decimal("100.00")) for _ in range(3)]
    ExpenseFactory(line=lines[0], check_status=ExpenseCheck.ACCEPTED)
    ExpenseFactory(line=lines[1], amount=Decimal("25.00"), amount_in_call_currency=Decimal("25.00"))
    return proposal


def link_url(consortium):
    return reverse("network:consortium_link_proposal", args=[consortium.pk])


class TestLinking:
    def test_a_leader_of_the_lead_links_a_won_grant_to_a_proposal_of_their_community(
        self, client_for, people, consortium, funded
    ):
        win(consortium, people["lead_leader"])
        response = client_for(people["lead_leader"]).post(link_url(consortium), {"proposal": funded.pk})
        assert response.status_code == 302 and response["Location"].endswith("#grant")
        assert Consortium.objects.get().proposal == funded

    def test_a_coordinator_links_any_proposal(self, client_for, people, consortium, coordinator):
        win(consortium, people["lead_leader"])
        elsewhere = ProposalFactory(status=ProposalStatus.IN_IMPLEMENTATION)
        assert client_for(coordinator).post(link_url(consortium), {"proposal": elsewhere.pk}).status_code == 302
        assert Consortium.objects.get().proposal == elsewhere

    def test_staff_partners_and_outsiders_may_not_link(self, client_for, people, consortium, funded):
        win(consortium, people["lead_leader"])
        for person in (people["lead_staff"], people["partner_leader"], UserFactory()):
            MembershipFactory(community=funded.community, person=person)
            assert client_for(person).post(link_url(consortium), {"proposal": funded.pk}).status_code == 403
        for person in (people["lead_staff"], people["partner_leader"]):
            assert client_for(person).get(consortium.get_absolute_url()).context["proposal_form"] is None
        assert Consortium.objects.get().proposal is None

    def test_a_consortium_that_has_not_won_refuses(self, client_for, people, consortium, funded, coordinator):
        for person in (people["lead_leader"], coordinator):
            assert client_for(person).post(link_url(consortium), {"proposal": funded.pk}).status_code == 403
            assert client_for(person).get(consortium.get_absolute_url()).context["proposal_form"] is None
        with pytest.raises(ValidationError) as refused:
            funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        assert refused.value.messages == ["Only a won grant can be linked to a proposal."]
        funding.consortium_record_outcome(consortium=consortium, outcome=ConsortiumOutcome.LOST, by=coordinator)
        assert client_for(people["lead_leader"]).post(link_url(consortium), {"proposal": funded.pk}).status_code == 403
        assert Consortium.objects.get().proposal is None

    def test_a_proposal_the_person_may_not_see_is_refused(self, client_for, people, consortium):
        win(consortium, people["lead_leader"])
        # Funded proposals' summaries are open to all members, but only its community tracks its budget.
        other = ProposalFactory(status=ProposalStatus.APPROVED)
        response = client_for(people["lead_leader"]).post(link_url(consortium), {"proposal": other.pk})
        assert response.status_code == 400
        assert response.context["proposal_form"].errors["proposal"] == [
            "Select a valid choice. That choice is not one of the available choices."
        ]
        with pytest.raises(ValidationError) as refused:
            funding.consortium_link_proposal(consortium=consortium, proposal=other, by=people["lead_leader"])
        assert refused.value.message_dict == {"proposal": ["Choose a proposal of one of your communities."]}
        assert Consortium.objects.get().proposal is None

    @pytest.mark.parametrize("value", ["abc", "99999999", "-1", "1 OR 1=1"])
    def test_hostile_input_is_refused_without_an_error(self, client_for, people, consortium, value):
        win(consortium, people["lead_leader"])
        assert client_for(people["lead_leader"]).post(link_url(consortium), {"proposal": value}).status_code == 400
        assert Consortium.objects.get().proposal is None

    def test_an_empty_choice_unlinks(self, client_for, people, consortium, funded):
        win(consortium, people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        assert client_for(people["lead_leader"]).post(link_url(consortium), {"proposal": ""}).status_code == 302
        assert Consortium.objects.get().proposal is None

    def test_a_later_result_that_is_not_a_win_unlinks(self, people, consortium, funded):
        win(consortium, people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        funding.consortium_record_outcome(
            consortium=consortium, outcome=ConsortiumOutcome.LOST, by=people["lead_leader"]
        )
        assert Consortium.objects.get().proposal is None


class TestPage:
    def test_the_page_links_to_the_budget_and_spending_with_the_totals(self, client_for, people, consortium, funded):
        win(consortium, people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        page = client_for(people["lead_leader"]).get(consortium.get_absolute_url()).content.decode()
        assert reverse("proposals:budget_detail", args=[funded.pk]) in page
        assert reverse("proposals:expense_list", args=[funded.pk]) in page
        assert "40.00 USD spent of 300.00 USD approved." in page
        assert "25.00 USD more is claimed and waits for a coordinator" in page
        assert "Jobs for persons with disabilities" in page

    def test_someone_who_may_not_open_the_proposal_sees_neither_link_nor_totals(
        self, client_for, people, consortium, funded
    ):
        win(consortium, people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        page = client_for(people["partner_leader"]).get(consortium.get_absolute_url()).content.decode()
        assert "A proposal in the portal tracks this grant's budget" in page
        assert reverse("proposals:budget_detail", args=[funded.pk]) not in page
        assert "300.00 USD" not in page

    def test_a_draft_proposal_shows_its_budget_link_without_spending(self, client_for, people, consortium):
        win(consortium, people["lead_leader"])
        draft = ProposalFactory(status=ProposalStatus.DRAFT)
        MembershipFactory(community=draft.community, person=people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=draft, by=people["lead_leader"])
        page = client_for(people["lead_leader"]).get(consortium.get_absolute_url()).content.decode()
        assert reverse("proposals:budget_detail", args=[draft.pk]) in page
        assert reverse("proposals:expense_list", args=[draft.pk]) not in page

    def test_the_query_count_does_not_grow_with_the_budget_lines_and_expenses(
        self, client_for, people, consortium, funded
    ):
        win(consortium, people["lead_leader"])
        funding.consortium_link_proposal(consortium=consortium, proposal=funded, by=people["lead_leader"])
        client = client_for(people["lead_leader"])
        url = consortium.get_absolute_url()
        client.get(url)

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        few = count()
        for _ in range(12):
            ExpenseFactory(line=BaselineLineFactory(proposal=funded))
        assert count() == few
