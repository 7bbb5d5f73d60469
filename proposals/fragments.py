"""A proposal's budget tables kept rendered in the cache (common.fragments), and the writes that make them stale.

The budget tab shows every line of a proposal (two hundred in a large one) with its totals: rendering them is most
of the page's time. They change only when a line, an activity, an exchange rate, the proposal or its call is
written, so the rendered tables are kept per proposal, per language and per "may change the lines" (which adds the
Edit and Remove buttons) until then.
"""

from django.template.loader import render_to_string

from common.fragments import cached, model_scope, touch_on_write

from .domain.budget import proposal_budget
from .models import BudgetLine, Call, ExchangeRate, KeyActivity, Proposal
from .selectors import budget_page


def proposal_scope_of(proposal_id: int) -> str:
    """The scope of one proposal's own rows (its lines, activities and rates)."""
    return f"proposal:{proposal_id}"


def watch() -> None:
    """Connect the writes of what the budget tables show to their proposal's scope (once, when the app is ready)."""
    touch_on_write(Proposal, scope=lambda row: proposal_scope_of(row.pk))
    for model in (BudgetLine, KeyActivity, ExchangeRate):
        touch_on_write(model, scope=lambda row: proposal_scope_of(row.proposal_id))
    touch_on_write(Call)


def _render(pk: int, *, can_change: bool) -> dict[str, str]:
    proposal = budget_page(pk=pk)
    context = {"proposal": proposal, "budget": proposal_budget(proposal), "can_change": can_change}
    return {
        part: render_to_string(f"proposals/_{part}.html", context) for part in ("ceiling", "budget_lines", "totals")
    }


def budget_tables(proposal: Proposal, *, can_change: bool) -> dict[str, str]:
    """The rendered ceiling, lines and totals of the budget tab: `ceiling`, `budget_lines`, `totals`."""
    return cached(
        f"budget-tables:{proposal.pk}:{int(can_change)}",
        scopes=[proposal_scope_of(proposal.pk), model_scope(Call)],
        compute=lambda: _render(proposal.pk, can_change=can_change),
    )
