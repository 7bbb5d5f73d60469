"""After approval: a coordinator's check of expenses, budget revisions, and the coordinators' deadlines."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.permissions import permission_required

from .. import selectors, services
from ..enums import ExpenseCheck
from ..forms import BudgetRevisionForm, ExpenseAnswerForm, ExpenseCheckForm, RevisionDecisionForm
from .common import call_service_with_message, proposal_by_pk


def _expense(proposal, expense_pk):
    return get_object_or_404(proposal.expenses.select_related("line", "recorded_by"), pk=expense_pk)


@permission_required("proposals.check_expense_proposal", fn=proposal_by_pk)
def expense_check(request, pk, expense_pk):
    """A coordinator accepts, queries or rejects one expense."""
    proposal = proposal_by_pk(request, pk)
    expense = _expense(proposal, expense_pk)
    form = ExpenseCheckForm(request.POST or None, expense=expense, by=request.user)
    if request.method == "POST" and form.is_valid():
        checked = form.save()
        if checked is not None:
            messages.success(
                request,
                _("The expense “%(what)s” is now %(check)s.")
                % {"what": checked.description, "check": checked.get_check_status_display().lower()},
            )
            return redirect("proposals:expense_list", pk=pk)
    return render(
        request,
        "proposals/expense_check.html",
        {"proposal": proposal, "expense": expense, "form": form, "answering": False, "tab": "spending"},
    )


@permission_required("proposals.answer_expense_proposal", fn=proposal_by_pk)
def expense_answer(request, pk, expense_pk):
    """A co-author answers the coordinator's question about an expense."""
    proposal = proposal_by_pk(request, pk)
    expense = _expense(proposal, expense_pk)
    if expense.check_status != ExpenseCheck.QUERIED and request.method != "POST":
        messages.info(request, _("There is no open question about this expense."))
        return redirect("proposals:expense_list", pk=pk)
    form = ExpenseAnswerForm(request.POST or None, expense=expense, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("Your answer was sent; the coordinator checks the expense again."))
        return redirect("proposals:expense_list", pk=pk)
    return render(
        request,
        "proposals/expense_check.html",
        {"proposal": proposal, "expense": expense, "form": form, "answering": True, "tab": "spending"},
    )


@permission_required("proposals.view_revisions_proposal", fn=proposal_by_pk)
def budget_revisions(request, pk):
    """Every budget revision asked for, the one waiting first, with the working budget's version."""
    proposal = proposal_by_pk(request, pk)
    return render(
        request,
        "proposals/budget_revisions.html",
        {"proposal": proposal, "revisions": selectors.budget_revisions_of(proposal=proposal), "tab": "spending"},
    )


@permission_required("proposals.request_revision_proposal", fn=proposal_by_pk)
def budget_revision_create(request, pk):
    proposal = proposal_by_pk(request, pk)
    pending = selectors.pending_revision(proposal=proposal)
    lines = list(proposal.baseline_lines.order_by("position", "pk"))
    form = BudgetRevisionForm(request.POST or None, proposal=proposal, lines=lines, by=request.user)
    if request.method == "POST" and form.is_valid():
        revision = form.save()
        if revision is not None:
            messages.success(request, _("Your request was sent; a coordinator approves or refuses it."))
            return redirect(revision)
    return render(
        request,
        "proposals/budget_revision_form.html",
        {"proposal": proposal, "form": form, "pending": pending, "tab": "spending"},
    )


def _revision_page(request, proposal, revision, form, status=200):
    return render(
        request,
        "proposals/budget_revision_detail.html",
        {
            "proposal": proposal,
            "revision": revision,
            "effect": selectors.revision_effect(revision=revision, proposal=proposal),
            "form": form,
            "tab": "spending",
        },
        status=status,
    )


@permission_required("proposals.view_revisions_proposal", fn=proposal_by_pk)
def budget_revision_detail(request, pk, revision_pk):
    """A request's effect on each line and on the total against the ceiling; its decision or the form for it."""
    proposal = proposal_by_pk(request, pk)
    revision = get_object_or_404(selectors.budget_revisions_of(proposal=proposal), pk=revision_pk)
    form = None
    if revision.is_pending and request.user.has_perm("proposals.decide_revision_proposal", proposal):
        form = RevisionDecisionForm(revision=revision, by=request.user)
    return _revision_page(request, proposal, revision, form)


@require_POST
@permission_required("proposals.decide_revision_proposal", fn=proposal_by_pk)
def budget_revision_decide(request, pk, revision_pk):
    proposal = proposal_by_pk(request, pk)
    revision = get_object_or_404(selectors.budget_revisions_of(proposal=proposal), pk=revision_pk)
    form = RevisionDecisionForm(request.POST, revision=revision, by=request.user)
    if form.is_valid():
        decided = form.save()
        if decided is not None:
            messages.success(
                request,
                _("The budget revision is %(status)s.") % {"status": decided.get_status_display().lower()},
            )
            return redirect(decided)
    revision = get_object_or_404(selectors.budget_revisions_of(proposal=proposal), pk=revision_pk)
    return _revision_page(request, proposal, revision, form, status=200)


@require_POST
@permission_required("proposals.request_revision_proposal", fn=proposal_by_pk)
def budget_revision_withdraw(request, pk, revision_pk):
    proposal = proposal_by_pk(request, pk)
    revision = get_object_or_404(proposal.budget_revisions, pk=revision_pk)
    call_service_with_message(
        request, services.budget_revision_withdraw, _("Your request was withdrawn."), revision=revision
    )
    return redirect(revision)


@permission_required("proposals.view_deadlines")
def deadlines(request):
    """The coordinators' overview: late reviews, and every funded project with its next report and late ones."""
    today = timezone.localdate()
    projects = selectors.funded_with_reports_due()
    return render(
        request,
        "proposals/deadlines.html",
        {
            "today": today,
            "late_reviews": selectors.late_reviews(today=today),
            "projects": projects,
            "late_count": sum(1 for project in projects if project.late_reports),
        },
    )
