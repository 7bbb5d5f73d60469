"""What the proposal pages share: reading the proposal a URL names once per request, and buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from common.loading import object_loader

from ..models import Call, Proposal

# The proposal a URL names with its call and community, read once per request for the permission check
# and the view.
proposal_by_pk = object_loader(Proposal.objects.select_related("call", "community"))
call_by_slug = object_loader(Call, lookup="slug")


def can_write(request, proposal: Proposal) -> bool:
    """Whether a page shows its form: to co-authors while they may edit, and to a co-author posting
    after the proposal left the draft, so the service's refusal is shown with what they typed.
    """
    if request.user.has_perm("proposals.change_proposal", proposal):
        return True
    return request.method == "POST" and request.user.has_perm("proposals.author_proposal", proposal)


def or_404(value):
    if value is None:
        raise Http404
    return value


def call_service_with_message(request, service, done_message: str, **kwargs) -> bool:
    """Call a service for a button; show its refusal, or done_message, as a message."""
    try:
        service(by=request.user, **kwargs)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, done_message)
    return True
