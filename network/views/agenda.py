"""Proposals to put a challenge on a meeting's agenda, for those who run the meetings to answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.permissions import permission_required

from .. import selectors, services
from ..models import AgendaProposal

proposal_by_pk = object_loader(AgendaProposal.objects.select_related("meeting", "challenge"))


@permission_required("network.list_agendaproposals")
def agenda_proposals(request):
    """The proposals waiting for the meetings the signed-in person runs."""
    return render(
        request, "network/agenda_proposals.html", {"proposals": selectors.agenda_proposals_to_decide(request.user)}
    )


@require_POST
@permission_required("network.decide_agendaproposal", fn=proposal_by_pk)
def agenda_proposal_decide(request, pk):
    proposal = proposal_by_pk(request, pk)
    accept = request.POST.get("decision") == "accept"
    service = services.agenda_proposal_accept if accept else services.agenda_proposal_decline
    try:
        service(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        names = {"title": proposal.challenge.title, "meeting": proposal.meeting.title}
        if accept:
            messages.success(request, _("“%(title)s” is on the agenda of %(meeting)s.") % names)
        else:
            messages.success(request, _("You declined “%(title)s” for %(meeting)s; its author is told.") % names)
    return redirect("network:agenda_proposal_list")
