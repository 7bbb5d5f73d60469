"""Calls for proposals: the list, a call's page, and the coordinators' forms."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.permissions import permission_required

from .. import selectors
from ..forms import CallExtendForm, CallForm, ProposalStartForm
from .common import call_by_slug, or_404


@permission_required("proposals.view_call")
def call_list(request):
    return render(request, "proposals/call_list.html", {"calls": selectors.call_list(), "tab": "calls"})


@permission_required("proposals.view_call")
def call_detail(request, slug):
    call = or_404(selectors.call_detail(slug=slug))
    return render(
        request,
        "proposals/call_detail.html",
        {"call": call, "proposals": selectors.call_proposals(call=call, user=request.user)},
    )


@permission_required("proposals.add_call")
def call_create(request):
    form = CallForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        call = form.save()
        if call is not None:
            messages.success(request, _("The call “%(title)s” was created.") % {"title": call.title})
            return redirect(call)
    return render(request, "proposals/call_form.html", {"form": form})


@permission_required("proposals.change_call", fn=call_by_slug)
def call_update(request, slug):
    call = call_by_slug(request, slug)
    form = CallForm(request.POST or None, by=request.user, call=call)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The call was saved."))
            return redirect(saved)
    return render(request, "proposals/call_form.html", {"form": form, "call": call})


@permission_required("proposals.extend_call", fn=call_by_slug)
def call_extend(request, slug):
    call = call_by_slug(request, slug)
    form = CallExtendForm(request.POST or None, call=call, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The deadline was extended."))
            return redirect(saved)
    return render(request, "proposals/call_extend.html", {"form": form, "call": call})


@permission_required("proposals.propose_to_call", fn=call_by_slug)
def proposal_create(request, slug):
    call = call_by_slug(request, slug)
    form = ProposalStartForm(request.POST or None, call=call, by=request.user)
    if request.method == "POST" and form.is_valid():
        proposal = form.save()
        if proposal is not None:
            messages.success(request, _("The draft was started. Invite your co-authors and write it together."))
            return redirect("proposals:proposal_update", pk=proposal.pk)
    return render(request, "proposals/proposal_start.html", {"form": form, "call": call})
