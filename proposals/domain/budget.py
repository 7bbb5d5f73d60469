"""Budget arithmetic on rows already loaded: totals per category, per activity and overall in the
call's currency, and budget against actual. No queries here, so pages stay flat however long the budget.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from common.language import QuotingUserText

from ..enums import BudgetCategory
from .money import ZERO, convert, format_money, percent, quantize


@dataclass
class Amounts:
    """Cost, co-funding and what is asked of the call, all in the call's currency."""

    cost: Decimal = ZERO
    co_funding: Decimal = ZERO

    @property
    def requested(self) -> Decimal:
        return quantize(self.cost - self.co_funding)

    def add(self, other: "Amounts") -> None:
        self.cost = quantize(self.cost + other.cost)
        self.co_funding = quantize(self.co_funding + other.co_funding)


@dataclass
class LineAmounts:
    line: object
    total: Decimal  # in the line's own currency
    rate: Decimal | None
    in_call_currency: Amounts | None  # None while the line's currency has no rate


@dataclass
class BudgetSummary:
    currency: str
    ceiling: Decimal
    lines: list[LineAmounts] = field(default_factory=list)
    by_category: list[tuple[str, Amounts]] = field(default_factory=list)
    by_activity: list[tuple[str, Amounts]] = field(default_factory=list)
    overall: Amounts = field(default_factory=Amounts)
    missing_rates: list[str] = field(default_factory=list)

    @property
    def over_ceiling(self) -> Decimal:
        return max(quantize(self.overall.requested - self.ceiling), ZERO)

    @property
    def left_under_ceiling(self) -> Decimal:
        return max(quantize(self.ceiling - self.overall.requested), ZERO)

    def problems(self) -> list[str]:
        """What stops the budget from being submitted, each in words a co-author can act on."""
        problems = []
        if not self.lines:
            problems.append(_("The budget has no lines yet."))
        for currency in self.missing_rates:
            problems.append(
                _("Set the exchange rate for %(currency)s: how many %(currency)s make 1 %(call_currency)s.")
                % {"currency": currency, "call_currency": self.currency}
            )
        if self.over_ceiling:
            problems.append(
                _(
                    "The budget asks for %(requested)s, %(over)s over the call's ceiling of %(ceiling)s. "
                    "Reduce it by %(over)s before submitting."
                )
                % {
                    "requested": format_money(self.overall.requested, self.currency),
                    "over": format_money(self.over_ceiling, self.currency),
                    "ceiling": format_money(self.ceiling, self.currency),
                }
            )
        return problems


def summarise(*, lines: Iterable, rates: dict[str, Decimal], currency: str, ceiling: Decimal) -> BudgetSummary:
    """Totals of budget lines in the call's currency. Lines in a currency without a rate are left out
    of the totals and named in missing_rates.
    """
    summary = BudgetSummary(currency=currency, ceiling=ceiling)
    categories: dict[str, Amounts] = {}
    activities: dict[object, tuple[tuple, str, Amounts]] = {}
    missing = set()
    for line in lines:
        rate = Decimal(1) if line.currency == currency else rates.get(line.currency)
        total = line.total
        amounts = None
        if rate is None:
            missing.add(line.currency)
        else:
            amounts = Amounts(cost=convert(total, rate), co_funding=convert(line.co_funding, rate))
            summary.overall.add(amounts)
            categories.setdefault(line.category, Amounts()).add(amounts)
            activity = line.activity
            key = activity.pk if activity else None
            order = (0, activity.starts_on, activity.pk) if activity else (1, None, 0)
            label = QuotingUserText("%(title)s", title=activity.title) if activity else _("Not linked to an activity")
            activities.setdefault(key, (order, label, Amounts()))[2].add(amounts)
        summary.lines.append(LineAmounts(line=line, total=total, rate=rate, in_call_currency=amounts))
    labels = dict(BudgetCategory.choices)
    summary.by_category = [
        (str(labels[value]), categories[value]) for value in BudgetCategory.values if value in categories
    ]
    summary.by_activity = [(label, amounts) for _order, label, amounts in sorted(activities.values(), key=_order_key)]
    summary.missing_rates = sorted(missing)
    return summary


def _order_key(entry):
    order = entry[0]
    return (order[0], order[1] or "", order[2])


def proposal_budget(proposal) -> BudgetSummary:
    """The summary of a proposal whose lines (with their activity), rates and call were loaded."""
    rates = {rate.currency: rate.rate for rate in proposal.exchange_rates.all()}
    return summarise(
        lines=proposal.budget_lines.all(),
        rates=rates,
        currency=proposal.call.currency,
        ceiling=proposal.call.budget_ceiling,
    )


@dataclass
class Spending:
    """A row of budget against actual: the baseline approved, the budget as revised since, what was spent
    (accepted by a coordinator) and what is claimed but not checked yet (not counted as spent)."""

    label: str
    approved: Decimal = ZERO
    spent: Decimal = ZERO
    revised: Decimal | None = None
    claimed: Decimal = ZERO

    @property
    def budget(self) -> Decimal:
        """What the row may spend now: the revised budget, or the baseline."""
        return self.approved if self.revised is None else self.revised

    @property
    def is_revised(self) -> bool:
        return self.budget != self.approved

    @property
    def variance(self) -> Decimal:
        return quantize(self.budget - self.spent)

    @property
    def percent_spent(self) -> Decimal | None:
        return percent(self.spent, self.budget)

    @property
    def is_over(self) -> bool:
        return self.spent > self.budget

    @property
    def recorded(self) -> Decimal:
        """Spent and claimed together: what the row comes to once every claim is accepted."""
        return quantize(self.spent + self.claimed)

    @property
    def would_be_over(self) -> bool:
        return self.recorded > self.budget

    def add(self, approved: Decimal, spent: Decimal, *, revised: Decimal | None = None, claimed=ZERO) -> None:
        budget = self.budget
        self.approved = quantize(self.approved + approved)
        self.spent = quantize(self.spent + spent)
        self.revised = quantize(budget + (approved if revised is None else revised))
        self.claimed = quantize(self.claimed + claimed)


@dataclass
class SpendingReport:
    currency: str
    lines: list[tuple[object, Spending]]
    categories: list[Spending]
    overall: Spending

    @property
    def overspent(self) -> list[Spending]:
        """Lines and categories that spent more than their budget, lines first."""
        return [row for _line, row in self.lines if row.is_over] + [row for row in self.categories if row.is_over]

    @property
    def overspent_when_accepted(self) -> list[Spending]:
        """Lines and categories whose recorded expenses, checked or not, pass their budget: warned at recording."""
        return [row for _line, row in self.lines if row.would_be_over] + [
            row for row in self.categories if row.would_be_over
        ]


def spending_report(*, baseline_lines: Iterable, currency: str) -> SpendingReport:
    """Budget against actual, in the call's currency, from the approved lines.

    Rows from the selector baseline_with_spending carry `accepted` (what counts as spent) and `unchecked`
    (claimed, waiting for the coordinator's check); rows without them count `spent` as spent.
    A line's budget is its revised amount when a budget revision changed it.
    """
    labels = dict(BudgetCategory.choices)
    lines, categories = [], {}
    overall = Spending(label=_("Total"))
    for line in baseline_lines:
        spent = quantize(getattr(line, "accepted", line.spent) or ZERO)
        claimed = quantize(getattr(line, "unchecked", None) or ZERO)
        revised = getattr(line, "revised_amount", None)
        row = Spending(label=line.description, approved=line.approved_amount, spent=spent, claimed=claimed)
        row.revised = revised
        lines.append((line, row))
        category = categories.setdefault(line.category, Spending(label=str(labels.get(line.category, line.category))))
        category.add(line.approved_amount, spent, revised=revised, claimed=claimed)
        overall.add(line.approved_amount, spent, revised=revised, claimed=claimed)
    ordered = [categories[value] for value in BudgetCategory.values if value in categories]
    return SpendingReport(currency=currency, lines=lines, categories=ordered, overall=overall)
