"""A proposal's pages: the list, the proposal, writing it together, co-authors, activities and versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagination import paginate, query_without_page
from common.params import MAX_INT, int_param
from common.permissions import permission_required

from .. import selectors, services
from ..charts import timeline_chart
from ..domain.budget import proposal_budget
from ..domain.scoring import score_table
from ..domain.versions import compare, difference, parts
from ..enums import ProposalStatus
from ..filters import ProposalFilter
from ..forms import ActivityForm, AuthorForm, ProposalForm
from ..models import KeyActivity
from ..services.drafting import EditConflict
from .common import call_service_with_message, can_write, or_404, proposal_by_pk, save_part


@permission_required("proposals.list_proposals")
def proposal_list(request):
    filterset = ProposalFilter(request.GET or None, queryset=selectors.proposal_list(user=request.user))
    page = paginate(request, filterset.qs)
    open_calls = [call for call in selectors.call_list() if call.is_open]
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without_page(request.GET),
            "open_calls": open_calls,
            "tab": "proposals",
        },
    )


def _decisions(proposal):
    """The coordinators' decisions with their messages, newest first, from the prefetched log."""
    decided = {ProposalStatus.REVISIONS_REQUESTED, ProposalStatus.APPROVED, ProposalStatus.REJECTED}
    return [change for change in reversed(proposal.status_changes.all()) if change.to_status in decided]


@permission_required("proposals.view_summary_proposal", fn=proposal_by_pk)
def proposal_detail(request, pk):
    proposal = proposal_by_pk(request, pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        return render(request, "proposals/proposal_summary.html", {"proposal": proposal})
    sees_scores = request.user.has_perm("proposals.view_reviews_proposal", proposal)
    # The review assignments are read only by those who see the scores, and for a decided proposal's
    # comments to its authors.
    selectors.proposal_page(proposal, with_criteria=sees_scores, with_reviews=sees_scores or bool(proposal.decided_at))
    budget = proposal_budget(proposal)
    context = {
        "proposal": proposal,
        "budget": budget,
        "timeline": timeline_chart(proposal.activities.all()),
        "sections": [
            (s.heading, proposal.section_answers.get(str(s.pk), ""), proposal.section_answers_html.get(str(s.pk), ""))
            for s in proposal.call.sections.all()
        ],
        "problems": services.readiness_problems(proposal, budget) if proposal.is_editable else [],
        "decisions": _decisions(proposal),
        "author_comments": [
            a.comment_for_authors_html
            for a in proposal.review_assignments.all()
            if a.comment_for_authors and a.submitted_at
        ]
        if proposal.decided_at
        else [],
        "tab": "overview",
    }
    if sees_scores:
        context["scores"] = score_table(
            criteria=proposal.call.criteria.all(), assignments=proposal.review_assignments.all()
        )
    return render(request, "proposals/proposal_detail.html", context)


@permission_required("proposals.author_proposal", fn=proposal_by_pk)
def proposal_edit(request, pk):
    """Any co-author edits the text. A save on a stale version shows both texts and loses neither."""
    proposal = proposal_by_pk(request, pk)
    if request.method != "POST" and not proposal.is_editable:
        messages.error(
            request,
            _("This proposal is %(status)s; it can no longer be edited.")
            % {"status": proposal.get_status_display().lower()},
        )
        return redirect(proposal)
    form = ProposalForm(request.POST or None, proposal=proposal, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except EditConflict as conflict:
            return _conflict_page(request, conflict)
        if saved is not None:
            if saved.version == form.cleaned_data["version"]:
                messages.info(request, _("Nothing had changed, so no new version was made."))
            else:
                messages.success(request, _("Saved as version %(number)s.") % {"number": saved.version})
            return redirect(saved)
    return render(request, "proposals/proposal_edit.html", {"proposal": proposal, "form": form, "tab": "edit"})


def _conflict_page(request, conflict: EditConflict):
    """Their text and yours side by side for each field you both changed, and the form filled with
    yours merged with their other changes, based on the current version.
    """
    current = conflict.proposal
    resolve = ProposalForm(initial={**conflict.merged, "version": current.version}, proposal=current, by=request.user)
    labels = {name: str(field.label) for name, field in resolve.fields.items()}
    stakeholder_names = dict(resolve.fields["stakeholders"].queryset.values_list("pk", "name"))

    def text(key, values):
        value = values.get(key)
        if key == "stakeholders":
            return "\n".join(sorted(stakeholder_names.get(pk, "?") for pk in value or []))
        return "" if value is None else str(value)

    clashes = []
    for key in conflict.conflicts:
        theirs, yours = text(key, conflict.theirs), text(key, conflict.yours)
        clashes.append(
            {
                "label": labels.get(key, key),
                "theirs": theirs,
                "yours": yours,
                "diff": difference(theirs, yours, by_line=key == "stakeholders"),
            }
        )
    their_only = [
        labels.get(key, key)
        for key in conflict.theirs
        if conflict.theirs.get(key) != conflict.base.get(key) and key not in conflict.conflicts
    ]
    return render(
        request,
        "proposals/proposal_conflict.html",
        {
            "proposal": current,
            "form": resolve,
            "clashes": clashes,
            "their_changes": their_only,
            "saved_by": conflict.saved_by,
            "tab": "edit",
        },
        status=409,
    )


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def authors(request, pk):
    proposal = proposal_by_pk(request, pk)
    can_change = request.user.has_perm("proposals.change_proposal", proposal)
    form = (
        AuthorForm(request.POST or None, proposal=proposal, by=request.user) if can_write(request, proposal) else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and form.save() is not None:
            messages.success(request, _("%(name)s is now a co-author.") % {"name": form.cleaned_data["person"].name})
            return redirect("proposals:author_list", pk=pk)
    return render(
        request,
        "proposals/authors.html",
        {
            "proposal": proposal,
            "authors": proposal.authors.order_by("display_name", "email"),
            "form": form,
            "can_change": can_change,
            "tab": "authors",
        },
    )


@require_POST
@permission_required("proposals.change_proposal", fn=proposal_by_pk, form_page="proposals:author_list")
def author_remove(request, pk, person_pk):
    proposal = proposal_by_pk(request, pk)
    person = get_object_or_404(proposal.authors, pk=person_pk)
    call_service_with_message(
        request,
        services.proposal_remove_author,
        _("%(name)s is no longer a co-author.") % {"name": person.name},
        proposal=proposal,
        person=person,
    )
    if person.pk == request.user.pk:
        return redirect(proposal)
    return redirect("proposals:author_list", pk=pk)


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def activities(request, pk):
    proposal = proposal_by_pk(request, pk)
    can_change = request.user.has_perm("proposals.change_proposal", proposal)
    form = (
        ActivityForm(request.POST or None, proposal=proposal, by=request.user) if can_write(request, proposal) else None
    )
    if request.method == "POST" and form is None:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The activity was added."))
        return redirect("proposals:activity_list", pk=pk)
    rows = list(proposal.activities.select_related("responsible_organisation").order_by("starts_on", "ends_on", "pk"))
    return render(
        request,
        "proposals/activities.html",
        {
            "proposal": proposal,
            "activities": rows,
            "timeline": timeline_chart(rows),
            "form": form,
            "can_change": can_change,
            "tab": "activities",
        },
    )


def _activity(proposal, activity_pk) -> KeyActivity:
    return get_object_or_404(proposal.activities.select_related("responsible_organisation"), pk=activity_pk)


@permission_required("proposals.author_proposal", fn=proposal_by_pk)
def activity_update(request, pk, activity_pk):
    proposal = proposal_by_pk(request, pk)
    activity = _activity(proposal, activity_pk)
    form = ActivityForm(request.POST or None, proposal=proposal, activity=activity, by=request.user)
    if request.method == "POST" and form.is_valid():
        response = save_part(
            request,
            form,
            proposal=proposal,
            fresh_form=lambda part: ActivityForm(proposal=proposal, activity=part, by=request.user),
            list_url_name="proposals:activity_list",
            tab="activities",
            saved_message=_("The activity was saved."),
        )
        if response is not None:
            return response
    return render(
        request,
        "proposals/activity_form.html",
        {"proposal": proposal, "activity": activity, "form": form, "tab": "activities"},
    )


@require_POST
@permission_required("proposals.change_proposal", fn=proposal_by_pk, form_page="proposals:activity_list")
def activity_delete(request, pk, activity_pk):
    proposal = proposal_by_pk(request, pk)
    activity = _activity(proposal, activity_pk)
    call_service_with_message(
        request, services.activity_delete, _("“%(title)s” was removed.") % {"title": activity.title}, activity=activity
    )
    return redirect("proposals:activity_list", pk=pk)


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def versions(request, pk):
    proposal = proposal_by_pk(request, pk)
    rows = list(selectors.proposal_versions(proposal=proposal))
    return render(request, "proposals/versions.html", {"proposal": proposal, "versions": rows, "tab": "versions"})


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def version_compare(request, pk):
    """A readable difference between any two versions, word by word, lines for lists."""
    proposal = proposal_by_pk(request, pk)
    newest = proposal.version
    number_to = int_param(request.GET, "to", min_value=1, max_value=MAX_INT) or newest
    number_from = int_param(request.GET, "from", min_value=1, max_value=MAX_INT) or max(number_to - 1, 1)
    old = or_404(selectors.proposal_version(proposal=proposal, number=number_from))
    new = or_404(selectors.proposal_version(proposal=proposal, number=number_to))
    changes = compare(old.content, new.content)
    return render(
        request,
        "proposals/version_compare.html",
        {
            "proposal": proposal,
            "old": old,
            "new": new,
            "changes": [part for part in changes if part.changed],
            "unchanged": [part.label for part in changes if not part.changed],
            "numbers": range(1, newest + 1),
            "tab": "versions",
        },
    )


@permission_required("proposals.view_proposal", fn=proposal_by_pk)
def version_detail(request, pk, number):
    proposal = proposal_by_pk(request, pk)
    version = or_404(selectors.proposal_version(proposal=proposal, number=number))
    return render(
        request,
        "proposals/version_detail.html",
        {"proposal": proposal, "version": version, "parts": parts(version.content), "tab": "versions"},
    )


@permission_required("proposals.author_proposal", fn=proposal_by_pk)
def submit(request, pk):
    """The checklist, then the submission (or resubmission after revisions)."""
    proposal = or_404(selectors.proposal_detail(pk=pk))
    if request.method != "POST" and not proposal.is_editable:
        messages.info(
            request,
            _("This proposal is %(status)s; there is nothing to submit.")
            % {"status": proposal.get_status_display().lower()},
        )
        return redirect(proposal)
    if request.method == "POST":
        service = (
            services.proposal_resubmit
            if proposal.status == ProposalStatus.REVISIONS_REQUESTED
            else services.proposal_submit
        )
        if call_service_with_message(
            request, service, _("The proposal was submitted. The coordinators were told."), proposal=proposal
        ):
            return redirect(proposal)
        return redirect("proposals:proposal_submit", pk=pk)
    budget = proposal_budget(proposal)
    return render(
        request,
        "proposals/submit.html",
        {
            "proposal": proposal,
            "budget": budget,
            "problems": services.readiness_problems(proposal, budget),
            "tab": "overview",
        },
    )


def _confirmed_step(request, pk, *, service, done: str, template: str):
    """A step the person confirms on a page of its own, with an optional message: a GET shows it."""
    proposal = proposal_by_pk(request, pk)
    if request.method == "POST":
        call_service_with_message(request, service, done, proposal=proposal, message=request.POST.get("message", ""))
        return redirect(proposal)
    return render(request, template, {"proposal": proposal, "tab": "overview"})


@permission_required("proposals.withdraw_proposal", fn=proposal_by_pk)
def withdraw(request, pk):
    return _confirmed_step(
        request,
        pk,
        service=services.proposal_withdraw,
        done=_("The proposal was withdrawn."),
        template="proposals/withdraw.html",
    )


@require_POST
@permission_required(
    "proposals.start_implementation_proposal", fn=proposal_by_pk, form_page="proposals:proposal_detail"
)
def start_implementation(request, pk):
    proposal = proposal_by_pk(request, pk)
    call_service_with_message(
        request, services.proposal_start_implementation, _("The project is now in implementation."), proposal=proposal
    )
    return redirect(proposal)


@permission_required("proposals.complete_proposal", fn=proposal_by_pk)
def complete(request, pk):
    return _confirmed_step(
        request,
        pk,
        service=services.proposal_complete,
        done=_("The project was marked as completed."),
        template="proposals/complete.html",
    )
