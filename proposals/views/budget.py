"""The line-item budget: lines, exchange rates, totals, and the CSV, spreadsheet and print view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.csv import csv_response
from common.permissions import permission_required
from common.xlsx import xlsx_response

from .. import exports, selectors, services
from ..domain.budget import proposal_budget
from ..forms import BudgetLineForm, ExchangeRateForm
from ..fragments import budget_tables
from .common import call_service_with_message, can_write, or_404, proposal_by_pk, save_part


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def budget(request, pk):
    """The budget lines with their totals; co-authors add lines here while the proposal is editable."""
    proposal = proposal_by_pk(request, pk)
    form = rate_form = None
    if can_write(request, proposal):
        form = BudgetLineForm(request.POST or None, proposal=proposal, by=request.user)
        rate_form = ExchangeRateForm(proposal=proposal, by=request.user)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and form.save() is not None:
            messages.success(request, _("The line was added."))
            return redirect("proposals:budget_detail", pk=pk)
    return render(request, "proposals/budget.html", _tab_context(request, proposal, form=form, rate_form=rate_form))


def _tab_context(request, proposal, **extra):
    """The budget tab: its tables rendered once per change of the budget (proposals.fragments), not per visit."""
    can_change = request.user.has_perm("proposals.change_proposal", proposal)
    return {
        "proposal": proposal,
        "tables": budget_tables(proposal, can_change=can_change),
        "currency": proposal.call.currency,
        "rates": proposal.exchange_rates.all(),
        "can_change": can_change,
        "tab": "budget",
        **extra,
    }


@permission_required("proposals.author_proposal", fn=proposal_by_pk)
def line_update(request, pk, line_pk):
    proposal = proposal_by_pk(request, pk)
    line = get_object_or_404(proposal.budget_lines, pk=line_pk)
    form = BudgetLineForm(request.POST or None, proposal=proposal, line=line, by=request.user)
    if request.method == "POST" and form.is_valid():
        response = save_part(
            request,
            form,
            proposal=proposal,
            fresh_form=lambda part: BudgetLineForm(proposal=proposal, line=part, by=request.user),
            list_url_name="proposals:budget_detail",
            tab="budget",
            saved_message=_("The line was saved."),
        )
        if response is not None:
            return response
    return render(
        request, "proposals/budget_line_form.html", {"proposal": proposal, "line": line, "form": form, "tab": "budget"}
    )


@require_POST
@permission_required("proposals.change_proposal", fn=proposal_by_pk, form_page="proposals:budget_detail")
def line_delete(request, pk, line_pk):
    proposal = proposal_by_pk(request, pk)
    line = get_object_or_404(proposal.budget_lines, pk=line_pk)
    call_service_with_message(
        request, services.budget_line_delete, _("“%(line)s” was removed.") % {"line": line.description}, line=line
    )
    return redirect("proposals:budget_detail", pk=pk)


@require_POST
@permission_required("proposals.author_proposal", fn=proposal_by_pk, form_page="proposals:budget_detail")
def rate_set(request, pk):
    proposal = proposal_by_pk(request, pk)
    rate_form = ExchangeRateForm(request.POST, proposal=proposal, by=request.user)
    if rate_form.is_valid():
        rate = rate_form.save()
        if rate is not None:
            messages.success(
                request,
                _("The rate was set: 1 %(call)s = %(rate)s %(currency)s.")
                % {"call": proposal.call.currency, "rate": rate.rate.normalize(), "currency": rate.currency},
            )
            return redirect("proposals:budget_detail", pk=pk)
    form = BudgetLineForm(proposal=proposal, by=request.user) if proposal.is_editable else None
    return render(request, "proposals/budget.html", _tab_context(request, proposal, form=form, rate_form=rate_form))


def _filename(proposal, extension: str) -> str:
    return f"budget-{slugify(proposal.community.short_name or proposal.community.name)}-{proposal.pk}.{extension}"


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def budget_csv(request, pk):
    proposal = or_404(selectors.budget_page(pk=pk))
    summary = proposal_budget(proposal)
    rows = [
        exports.line_header(summary.currency),
        *exports.line_rows(summary),
        [],
        exports.total_header(summary.currency),
        *exports.total_rows(summary),
    ]
    return csv_response(_filename(proposal, "csv"), rows)


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def budget_xlsx(request, pk):
    proposal = or_404(selectors.budget_page(pk=pk))
    summary = proposal_budget(proposal)
    return xlsx_response(
        _filename(proposal, "xlsx"),
        [
            (_("Budget lines"), exports.line_header(summary.currency), exports.line_rows(summary)),
            (_("Totals"), exports.total_header(summary.currency), exports.total_rows(summary)),
        ],
    )


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def budget_print(request, pk):
    proposal = or_404(selectors.budget_page(pk=pk))
    context = {
        "proposal": proposal,
        "budget": proposal_budget(proposal),
        "documents": selectors.documents_of(proposal=proposal),
    }
    return render(request, "proposals/budget_print.html", context)
