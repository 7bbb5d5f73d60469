"""Joint work plans: the list, a plan grouped by objective, its timeline and export, and the forms that keep it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.csv import csv_response
from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required
from communities.models import Community
from members.rules import organisation_ids_of
from proposals.charts import timeline_chart

from .. import selectors
from ..forms import ActionForm, ObjectiveForm, ProgressForm, WorkPlanForm
from ..models import Action, Objective, WorkPlan

plan_by_pk = object_loader(WorkPlan.objects.select_related("community"))
PLAN_PAGE = "network:workplan_detail"


_action = object_loader(Action.objects.select_related("objective__plan__community", "owner"), url_kwarg="action_pk")
_objective = object_loader(Objective.objects.select_related("plan"), url_kwarg="objective_pk")


def action_by_pk(request, pk, action_pk):
    """The action a URL names, within the plan it names (404 for an action of another plan)."""
    action = _action(request, action_pk=action_pk)
    if action.objective.plan_id != int(pk):
        raise Http404
    return action


def objective_by_pk(request, pk, objective_pk):
    objective = _objective(request, objective_pk=objective_pk)
    if objective.plan_id != int(pk):
        raise Http404
    return objective


def _form_page(request, form, *, heading, back_url, back_label, submit_label=""):
    return render(
        request,
        "network/simple_form.html",
        {
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "back_label": back_label,
            "submit_label": submit_label,
        },
    )


@permission_required("network.view_workplan")
def workplan_list(request):
    page = paginate(request, selectors.workplan_list())
    return render(request, "network/workplan_list.html", {"page": page, "today": timezone.localdate()})


@permission_required("network.start_workplan")
def workplan_create(request):
    initial = {}
    community = request.GET.get("community", "")
    if community.isascii() and community.isdigit():
        initial["community"] = Community.objects.filter(pk=community).first()
    form = WorkPlanForm(request.POST or None, by=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        if plan is not None:
            messages.success(request, _("The work plan was started. Add its first objective."))
            return redirect(plan)
    return _form_page(
        request,
        form,
        heading=_("Start a work plan"),
        back_url=reverse("network:workplan_list"),
        back_label=_("Work plans"),
    )


@permission_required("network.view_workplan", fn=plan_by_pk)
def workplan_detail(request, pk):
    plan = plan_by_pk(request, pk)
    page = paginate(request, selectors.workplan_objectives(plan))
    return render(
        request,
        "network/workplan_detail.html",
        {
            "plan": plan,
            "page": page,
            "today": timezone.localdate(),
            "can_edit": request.user.has_perm("network.change_workplan", plan),
            "my_organisation_ids": organisation_ids_of(request.user),
            "tab": "objectives",
        },
    )


@permission_required("network.change_workplan", fn=plan_by_pk)
def workplan_update(request, pk):
    plan = plan_by_pk(request, pk)
    form = WorkPlanForm(request.POST or None, by=request.user, plan=plan)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The work plan was saved."))
        return redirect(plan)
    return _form_page(
        request, form, heading=_("Edit the work plan"), back_url=plan.get_absolute_url(), back_label=str(plan)
    )


@permission_required("network.view_workplan", fn=plan_by_pk)
def workplan_timeline(request, pk):
    """The plan's actions as bars over the months they span, a page of them at a time."""
    plan = plan_by_pk(request, pk)
    page = paginate(request, selectors.workplan_actions(plan))
    return render(
        request,
        "network/workplan_timeline.html",
        {"plan": plan, "page": page, "timeline": timeline_chart(page.object_list), "tab": "timeline"},
    )


@permission_required("network.view_workplan", fn=plan_by_pk)
def workplan_export_csv(request, pk):
    plan = plan_by_pk(request, pk)
    today = timezone.localdate()
    header = [
        _("Objective"), _("Action"), _("Owner"), _("Supporting organisations"), _("Starts on"), _("Ends on"),
        _("Status"), _("Overdue"), _("Progress"), _("Progress reported on"), _("Link"),
    ]  # fmt: skip

    def link(action):
        for target in (action.meeting, action.challenge, action.proposal, action.resource):
            if target is not None:
                return request.build_absolute_uri(target.get_absolute_url())
        return ""

    rows = (
        [
            action.objective.title,
            action.title,
            action.owner.name,
            "; ".join(organisation.name for organisation in action.supporters.all()),
            action.starts_on.isoformat(),
            action.ends_on.isoformat(),
            action.get_status_display(),
            _("yes") if action.is_overdue(today) else "",
            action.progress_note,
            timezone.localtime(action.progress_at).date().isoformat() if action.progress_at else "",
            link(action),
        ]
        for action in selectors.workplan_actions(plan).order_by(
            "objective__position", "objective_id", "starts_on", "pk"
        )
    )
    return csv_response(f"work-plan-{plan.pk}.csv", [header, *rows])


@permission_required("network.change_workplan", fn=plan_by_pk)
def objective_create(request, pk):
    plan = plan_by_pk(request, pk)
    form = ObjectiveForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The objective was added."))
        return redirect(plan)
    return _form_page(
        request, form, heading=_("Add an objective"), back_url=plan.get_absolute_url(), back_label=str(plan)
    )


@permission_required("network.change_workplan", fn=plan_by_pk)
def objective_update(request, pk, objective_pk):
    plan = plan_by_pk(request, pk)
    objective = objective_by_pk(request, pk, objective_pk)
    form = ObjectiveForm(request.POST or None, plan=plan, objective=objective)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The objective was saved."))
        return redirect(plan)
    return _form_page(
        request, form, heading=_("Edit the objective"), back_url=plan.get_absolute_url(), back_label=str(plan)
    )


@permission_required("network.change_workplan", fn=plan_by_pk)
def action_create(request, pk):
    plan = plan_by_pk(request, pk)
    if not plan.objectives.exists():
        messages.info(request, _("Add an objective first: every action serves one."))
        return redirect("network:objective_create", pk=plan.pk)
    initial = {}
    objective = request.GET.get("objective", "")
    if objective.isascii() and objective.isdigit():
        initial["objective"] = objective
    form = ActionForm(request.POST or None, plan=plan, by=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        if action is not None:
            messages.success(request, _("The action was added."))
            return redirect(f"{plan.get_absolute_url()}#action-{action.pk}")
    return _form_page(request, form, heading=_("Add an action"), back_url=plan.get_absolute_url(), back_label=str(plan))


@permission_required("network.change_action", fn=action_by_pk)
def action_update(request, pk, action_pk):
    action = action_by_pk(request, pk, action_pk)
    plan = action.objective.plan
    form = ActionForm(request.POST or None, instance=action, plan=plan, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The action was saved."))
        return redirect(f"{plan.get_absolute_url()}#action-{action.pk}")
    return _form_page(
        request, form, heading=_("Edit the action"), back_url=plan.get_absolute_url(), back_label=str(plan)
    )


@permission_required("network.record_progress_action", fn=action_by_pk)
def action_record_progress(request, pk, action_pk):
    """The owner organisation's staff (and those who keep the plan) say how the action is going."""
    action = action_by_pk(request, pk, action_pk)
    plan = action.objective.plan
    form = ProgressForm(request.POST or None, action=action, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The progress was saved."))
        return redirect(f"{plan.get_absolute_url()}#action-{action.pk}")
    return _form_page(
        request,
        form,
        heading=_("Progress of “%(action)s”") % {"action": action.title},
        back_url=plan.get_absolute_url(),
        back_label=str(plan),
        submit_label=_("Save the progress"),
    )
