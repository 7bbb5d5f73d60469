"""Answers to reviewers: the co-authors' form while revisions are asked for, and each round's answers
beside the word difference between the version sent back and its resubmission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.permissions import permission_required

from .. import selectors
from ..domain.versions import compare
from ..forms import ReviewAnswersForm
from ..services import AnswerConflict
from .common import proposal_by_pk


def _rounds(proposal):
    rounds = selectors.answer_rounds(proposal=proposal)
    for round_ in rounds:
        if round_["old"] and round_["new"]:
            round_["changes"] = [part for part in compare(round_["old"].content, round_["new"].content) if part.changed]
    return rounds


@permission_required("proposals.view_answers_proposal", fn=proposal_by_pk)
def answers(request, pk):
    proposal = proposal_by_pk(request, pk)
    can_answer = request.user.has_perm("proposals.answer_reviewers_proposal", proposal)
    if request.method == "POST" and not can_answer:
        raise PermissionDenied
    form, conflicts = None, {}
    if can_answer:
        decision = selectors.revisions_decision(proposal)
        assignments = selectors.comments_to_answer(proposal)
        current = {answer.assignment_id: answer for answer in decision.review_answers.all()} if decision else {}
        form = ReviewAnswersForm(
            request.POST or None, proposal=proposal, assignments=assignments, answers=current, by=request.user
        )
        if request.method == "POST" and form.is_valid():
            try:
                saved = form.save()
            except AnswerConflict as conflict:
                conflicts = conflict.theirs
                # Yours stay in the form; saving again now starts from theirs, which are shown beside.
                data = request.POST.copy()
                for assignment_pk, theirs in conflicts.items():
                    data[f"revision_{assignment_pk}"] = str(theirs.revision)
                form = ReviewAnswersForm(
                    data, proposal=proposal, assignments=assignments, answers=current, by=request.user
                )
                form.is_valid()
                messages.error(request, conflict.message)
            else:
                if saved is not None:
                    messages.success(request, _("Your answers to the reviewers were saved."))
                    return redirect("proposals:review_answer_list", pk=pk)
    return render(
        request,
        "proposals/answers.html",
        {
            "proposal": proposal,
            "form": form,
            "conflicts": conflicts,
            "rounds": _rounds(proposal),
            "tab": "answers",
        },
    )
