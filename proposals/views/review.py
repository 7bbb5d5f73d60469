"""Review and decision: coordinators assign reviewers and decide; reviewers score what they were given."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.permissions import permission_required

from .. import selectors, services
from ..domain.scoring import score_table
from ..forms import DecisionForm, ReviewerForm, ReviewForm
from .common import call_service_with_message, or_404, proposal_by_pk


def _scores(proposal) -> dict:
    """The reviews with their scores, and the table of weighted totals built from them."""
    assignments = list(selectors.review_assignments(proposal=proposal))
    return {
        "assignments": assignments,
        "scores": score_table(criteria=proposal.call.criteria.all(), assignments=assignments),
    }


@permission_required("proposals.view_reviews_proposal", fn=proposal_by_pk)
def reviewers(request, pk):
    """The reviewers, their scores with weighted totals and comments, and the form to assign one."""
    proposal = proposal_by_pk(request, pk)
    can_assign = request.user.has_perm("proposals.assign_reviewers_proposal", proposal)
    form = None
    if can_assign:
        candidates = selectors.reviewer_candidates(proposal=proposal)
        form = ReviewerForm(request.POST or None, proposal=proposal, candidates=candidates, by=request.user)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Reviewers can be assigned only while the proposal is submitted or in review."))
            return redirect("proposals:reviewer_list", pk=pk)
        if form.is_valid():
            assignment = form.save()
            if assignment is not None:
                messages.success(
                    request, _("%(name)s was asked to review, by e-mail.") % {"name": assignment.reviewer.name}
                )
                return redirect("proposals:reviewer_list", pk=pk)
    return render(
        request, "proposals/reviewers.html", {"proposal": proposal, "form": form, "tab": "reviews", **_scores(proposal)}
    )


@require_POST
@permission_required("proposals.assign_reviewers_proposal", fn=proposal_by_pk, form_page="proposals:reviewer_list")
def reviewer_remove(request, pk, assignment_pk):
    proposal = proposal_by_pk(request, pk)
    assignment = get_object_or_404(proposal.review_assignments.select_related("reviewer"), pk=assignment_pk)
    call_service_with_message(
        request,
        services.review_unassign,
        _("%(name)s no longer reviews this proposal.") % {"name": assignment.reviewer.name},
        assignment=assignment,
    )
    return redirect("proposals:reviewer_list", pk=pk)


@permission_required("proposals.review_proposal", fn=proposal_by_pk)
def review(request, pk):
    proposal = proposal_by_pk(request, pk)
    assignment = or_404(selectors.assignment_for(proposal=proposal, reviewer=request.user))
    criteria = proposal.call.criteria.all()
    draft = request.method == "POST" and "draft" in request.POST
    form = ReviewForm(request.POST or None, assignment=assignment, criteria=criteria, by=request.user, draft=draft)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        if draft:
            messages.success(request, _("Your draft was saved; only you see it until you submit your review."))
            return redirect("proposals:review_submit", pk=pk)
        messages.success(request, _("Thank you, your review was saved. You can change it until the decision."))
        return redirect(proposal)
    return render(
        request,
        "proposals/review_form.html",
        {
            "proposal": proposal,
            "assignment": assignment,
            "form": form,
            "criteria": criteria,
            "documents": selectors.documents_of(proposal=proposal),
            "tab": "review",
        },
    )


@permission_required("proposals.decide_proposal", fn=proposal_by_pk)
def decide(request, pk):
    proposal = proposal_by_pk(request, pk)
    form = DecisionForm(request.POST or None, proposal=proposal, by=request.user)
    if request.method == "POST" and form.is_valid():
        decided = form.save()
        if decided is not None:
            messages.success(
                request,
                _("The proposal is now %(status)s; the authors were told by e-mail.")
                % {"status": decided.get_status_display().lower()},
            )
            return redirect(decided)
    return render(
        request, "proposals/decide.html", {"proposal": proposal, "form": form, "tab": "reviews", **_scores(proposal)}
    )
