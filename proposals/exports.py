"""The budget as rows for the CSV and the spreadsheet: the same columns in both."""

from django.utils.translation import gettext as _

from .domain.budget import BudgetSummary


def line_header(call_currency: str) -> list[str]:
    return [
        _("Category"),
        _("Activity"),
        _("Description"),
        _("Unit"),
        _("Quantity"),
        _("Unit cost"),
        _("Currency"),
        _("Total"),
        _("Co-funding"),
        _("Co-funding source"),
        _("Rate (per 1 %(currency)s)") % {"currency": call_currency},
        _("Total in %(currency)s") % {"currency": call_currency},
        _("Requested in %(currency)s") % {"currency": call_currency},
    ]


def line_rows(budget: BudgetSummary) -> list[list]:
    rows = []
    for amounts in budget.lines:
        line, converted = amounts.line, amounts.in_call_currency
        rows.append(
            [
                line.get_category_display(),
                line.activity.title if line.activity else "",
                line.description,
                line.unit,
                line.quantity,
                line.unit_cost,
                line.currency,
                amounts.total,
                line.co_funding,
                line.co_funding_source,
                amounts.rate if amounts.rate is not None else _("missing"),
                converted.cost if converted else "",
                converted.requested if converted else "",
            ]
        )
    return rows


def total_header(call_currency: str) -> list[str]:
    return [
        _("Totals in %(currency)s") % {"currency": call_currency},
        _("Cost"),
        _("Co-funding"),
        _("Requested"),
    ]


def total_rows(budget: BudgetSummary) -> list[list]:
    rows = [[_("By category")]]
    rows += [[label, a.cost, a.co_funding, a.requested] for label, a in budget.by_category]
    rows += [[], [_("By activity")]]
    rows += [[label, a.cost, a.co_funding, a.requested] for label, a in budget.by_activity]
    overall = budget.overall
    rows += [
        [],
        [_("Overall"), overall.cost, overall.co_funding, overall.requested],
        [_("Ceiling of the call"), "", "", budget.ceiling],
    ]
    if budget.over_ceiling:
        rows.append([_("Over the ceiling by"), "", "", budget.over_ceiling])
    return rows
