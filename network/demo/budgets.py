"""The demo budgets: lines in USD and KHR, entered through the budget service with the KHR rate."""

from decimal import Decimal

from members.models import User
from proposals import services
from proposals.enums import BudgetCategory
from proposals.models import Proposal

KHR_PER_USD = Decimal("4100")
V, P, T, M, F, C, A = (
    BudgetCategory.VENUE,
    BudgetCategory.PERSONNEL,
    BudgetCategory.TRAVEL,
    BudgetCategory.MATERIALS,
    BudgetCategory.MEALS,
    BudgetCategory.COMMUNICATION,
    BudgetCategory.ADMINISTRATION,
)


def add_budget_lines(proposal: Proposal, spec: dict, *, by: User, activities: set[str], with_rates: bool = True):
    """Enter the spec's budget lines whose activity is in `activities` (and, when `activities` holds None,
    the lines of no activity), in the spec's order, as `by`.

    A KHR line needs a rate, so the rate goes in with the first one. A draft `with_rates=False` then loses
    its rate again: the demo shows the checklist asking for it, a state the service never makes by itself,
    so that row is deleted directly.
    """
    titles = [activity[0] for activity in spec["activities"]]
    by_title = {activity.title: activity for activity in proposal.activities.all()}
    for category, number, description, unit, quantity, cost, currency, co_funding, source in spec["lines"]:
        title = titles[number - 1] if number else None
        if title not in activities:
            continue
        services.budget_line_save(
            proposal=proposal,
            by=by,
            category=category,
            activity=by_title[title] if title else None,
            description=description,
            unit=unit,
            quantity=Decimal(quantity),
            unit_cost=Decimal(cost),
            currency=currency,
            co_funding=Decimal(co_funding),
            co_funding_source=source,
            rate=KHR_PER_USD if currency == "KHR" else None,
        )
    if not with_rates:
        proposal.exchange_rates.all().delete()
