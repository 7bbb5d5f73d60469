"""The budget tab's tables are kept rendered (proposals.fragments) and a change shows at once, for everyone."""

from decimal import Decimal

import pytest
from django.urls import reverse

from proposals import services
from tests.factories.proposals import BudgetLineFactory, KeyActivityFactory

pytestmark = pytest.mark.django_db


def lines(client, proposal) -> str:
    html = client.get(reverse("proposals:budget_detail", args=[proposal.pk])).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_line_added_changed_and_removed_shows_at_once(as_user, proposal, author, cop_member):
    author_client = as_user(author)
    assert "No budget line yet." in lines(author_client, proposal)
    line = services.budget_line_save(
        proposal=proposal,
        by=author,
        category="travel",
        activity=None,
        description="Bus to Ratanakiri",
        unit="trip",
        quantity=Decimal(2),
        unit_cost=Decimal(40),
        currency="USD",
    )
    assert "Bus to Ratanakiri" in lines(author_client, proposal)
    services.budget_line_save(
        proposal=proposal,
        by=author,
        line=line,
        category="travel",
        activity=None,
        description="Minibus to Ratanakiri",
        unit="trip",
        quantity=Decimal(2),
        unit_cost=Decimal(40),
        currency="USD",
    )
    assert "Minibus to Ratanakiri" in lines(author_client, proposal)
    member_client = as_user(cop_member)
    assert "Minibus to Ratanakiri" in lines(member_client, proposal)
    services.budget_line_delete(line=line, by=author)
    assert "Minibus to Ratanakiri" not in lines(member_client, proposal)


def test_a_rate_an_activity_and_the_call_reach_the_tables(as_user, proposal, author):
    activity = KeyActivityFactory(proposal=proposal, title="Rehearsals")
    BudgetLineFactory(proposal=proposal, activity=activity, currency="KHR", description="Drums")
    client = as_user(author)
    assert '<span class="error">no rate</span>' in lines(client, proposal)
    services.exchange_rate_set(proposal=proposal, currency="KHR", rate=Decimal(4100), by=author)
    html = lines(client, proposal)
    assert "no rate</span>" not in html
    assert "at 1 USD = 4100 KHR" in html
    activity.title = "Rehearsals in the village"
    activity.save()
    assert "Rehearsals in the village" in lines(client, proposal)
    proposal.call.budget_ceiling = Decimal("0.01")  # the line asks for 0.02 USD
    proposal.call.save()
    assert "over the ceiling" in lines(client, proposal)


def test_those_who_may_not_change_the_lines_never_get_the_authors_buttons(as_user, proposal, author, cop_member):
    BudgetLineFactory(proposal=proposal, description="Drums")
    assert 'form="budget-line-remove"' in lines(as_user(author), proposal)
    html = lines(as_user(cop_member), proposal)
    assert "Drums" in html
    assert 'form="budget-line-remove"' not in html
    assert "budget-line-remove" not in html


def test_each_language_has_its_own_tables(as_user, proposal, author, co_author):
    BudgetLineFactory(proposal=proposal, description="Drums")
    assert "Budget lines" in lines(as_user(author), proposal)
    co_author.language = "km"
    co_author.save()
    html = lines(as_user(co_author), proposal)
    assert "Drums" in html
    assert "Budget lines" not in html
