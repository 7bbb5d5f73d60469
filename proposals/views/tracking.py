"""After approval: budget against actual with its chart, expenses with receipts, and reports."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.files import serve_private
from common.permissions import permission_required

from .. import selectors
from ..charts import spending_chart
from ..domain.budget import spending_report
from ..domain.money import format_money
from ..forms import ExpenseCorrectForm, ExpenseForm, ExpenseVoidForm, ReportForm
from ..models import ReportPhoto
from .common import proposal_by_pk


def _spending(proposal):
    lines = selectors.baseline_with_spending(proposal=proposal)
    return spending_report(baseline_lines=lines, currency=proposal.call.currency)


@permission_required("proposals.view_spending_proposal", fn=proposal_by_pk)
def spending(request, pk):
    proposal = proposal_by_pk(request, pk)
    report = _spending(proposal)
    return render(
        request,
        "proposals/spending.html",
        {
            "proposal": proposal,
            "report": report,
            "chart": spending_chart(report.categories),
            "expenses": selectors.expenses_of(proposal=proposal),
            "pending_revision": selectors.pending_revision(proposal=proposal),
            "tab": "spending",
        },
    )


@permission_required("proposals.record_expense_proposal", fn=proposal_by_pk)
def expense_create(request, pk):
    proposal = proposal_by_pk(request, pk)
    form = ExpenseForm(
        request.POST or None,
        request.FILES or None,
        proposal=proposal,
        lines=proposal.baseline_lines.all(),
        by=request.user,
    )
    if request.method == "POST" and form.is_valid():
        expense = form.save()
        if expense is not None:
            messages.success(
                request,
                _("The expense of %(amount)s was recorded.")
                % {"amount": format_money(expense.amount, expense.currency)},
            )
            _overspent_warnings(request, proposal)
            return redirect("proposals:expense_list", pk=pk)
    return render(request, "proposals/expense_form.html", {"proposal": proposal, "form": form, "tab": "spending"})


def _overspent_warnings(request, proposal):
    """Warn of every line and category that its recorded expenses, accepted or still to be checked, overspend."""
    report = _spending(proposal)
    for row in report.overspent_when_accepted:
        messages.warning(
            request,
            _("Overspent: %(label)s has spent %(spent)s of %(approved)s approved.")
            % {
                "label": row.label,
                "spent": format_money(row.recorded, report.currency),
                "approved": format_money(row.budget, report.currency),
            },
        )


@permission_required("proposals.correct_expense_proposal", fn=proposal_by_pk)
def expense_correct(request, pk, expense_pk):
    proposal = proposal_by_pk(request, pk)
    expense = get_object_or_404(proposal.expenses.select_related("line", "proposal__call"), pk=expense_pk)
    form = ExpenseCorrectForm(
        request.POST or None, expense=expense, lines=proposal.baseline_lines.all(), by=request.user
    )
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The expense was corrected; its history keeps what it said before."))
        _overspent_warnings(request, proposal)
        return redirect("proposals:expense_list", pk=pk)
    return render(
        request,
        "proposals/expense_change.html",
        {"proposal": proposal, "expense": expense, "form": form, "void": False, "tab": "spending"},
    )


@permission_required("proposals.correct_expense_proposal", fn=proposal_by_pk)
def expense_void(request, pk, expense_pk):
    proposal = proposal_by_pk(request, pk)
    expense = get_object_or_404(proposal.expenses.select_related("line"), pk=expense_pk)
    form = ExpenseVoidForm(request.POST or None, expense=expense, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The expense is void: it stays in the list and no longer counts as spent."))
        return redirect("proposals:expense_list", pk=pk)
    return render(
        request,
        "proposals/expense_change.html",
        {"proposal": proposal, "expense": expense, "form": form, "void": True, "tab": "spending"},
    )


@permission_required("proposals.view_spending_proposal", fn=proposal_by_pk)
def receipt(request, pk, expense_pk):
    """A receipt, to those who may see the proposal's spending; never from the public media folder."""
    proposal = proposal_by_pk(request, pk)
    expense = get_object_or_404(proposal.expenses, pk=expense_pk)
    return serve_private(request, expense.receipt, filename=f"receipt-{expense.pk}")


@permission_required("proposals.view_spending_proposal", fn=proposal_by_pk)
def reports(request, pk):
    proposal = proposal_by_pk(request, pk)
    return render(
        request,
        "proposals/reports.html",
        {
            "proposal": proposal,
            "reports": selectors.reports_of(proposal=proposal),
            "schedule": selectors.reports_due_of(proposal=proposal),
            "today": timezone.localdate(),
            "tab": "reports",
        },
    )


@permission_required("proposals.report_proposal", fn=proposal_by_pk)
def report_create(request, pk):
    proposal = proposal_by_pk(request, pk)
    form = ReportForm(request.POST or None, request.FILES or None, proposal=proposal, by=request.user)
    if request.method == "POST" and form.is_valid():
        report = form.save()
        if report is not None:
            messages.success(request, _("The %(kind)s was sent.") % {"kind": report.get_kind_display().lower()})
            return redirect("proposals:report_list", pk=pk)
    return render(request, "proposals/report_form.html", {"proposal": proposal, "form": form, "tab": "reports"})


@permission_required("proposals.view_spending_proposal", fn=proposal_by_pk)
def photo(request, pk, photo_pk):
    """A report's photo, to those who may see the proposal's spending."""
    proposal = proposal_by_pk(request, pk)
    item = get_object_or_404(ReportPhoto, pk=photo_pk, report__proposal=proposal)
    return serve_private(request, item.image, filename=f"photo-{item.pk}")
