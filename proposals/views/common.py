"""What the proposal pages share: reading the proposal a URL names once per request, and buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from common.loading import object_loader

from ..domain import parts
from ..domain.versions import difference
from ..models import Call, Proposal
from ..services.drafting import PartConflict

# The proposal a URL names with its call, community and the person who started it, read once per request for
# the permission check and the view.
proposal_by_pk = object_loader(Proposal.objects.select_related("call", "community", "created_by"))
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


def part_conflict_page(request, conflict: PartConflict, *, proposal: Proposal, form, back_url: str, tab: str):
    """The conflict page of a budget line or an activity, as the text has: their values and yours side by side
    for each field you both changed, and `form` (unbound) filled with yours merged with their other changes,
    based on the values saved now, so that saving it again is not a conflict unless someone changes it again.
    """
    form.initial = {**conflict.merged, "based_on": parts.encode(conflict.theirs)}

    def shown(name, value):
        field = form.fields.get(name)
        for key, label in getattr(field, "choices", ()):
            if str(getattr(key, "value", key)) == value:
                return str(label)
        return value

    clashes = []
    for name in conflict.conflicts:
        theirs, yours = shown(name, conflict.theirs[name]), shown(name, conflict.yours[name])
        clashes.append(
            {
                "label": form.fields[name].label,
                "theirs": theirs,
                "yours": yours,
                "diff": difference(theirs, yours, by_line=False),
            }
        )
    their_changes = [
        str(form.fields[name].label)
        for name, value in conflict.theirs.items()
        if value != conflict.base.get(name) and name not in conflict.conflicts
    ]
    return render(
        request,
        "proposals/part_conflict.html",
        {
            "proposal": proposal,
            "form": form,
            "clashes": clashes,
            "their_changes": their_changes,
            "back_url": back_url,
            "tab": tab,
        },
        status=409,
    )


def save_part(request, form, *, proposal: Proposal, fresh_form, list_url_name: str, tab: str, saved_message: str):
    """Save a budget line's or an activity's form; returns the response, or None to show the form again.

    A co-author's change since the form was opened shows the conflict page with `fresh_form(part)` beside
    what was typed; a success goes back to the list with `saved_message`.
    """
    try:
        saved = form.save()
    except PartConflict as conflict:
        return part_conflict_page(
            request,
            conflict,
            proposal=proposal,
            form=fresh_form(conflict.part),
            back_url=reverse(list_url_name, args=[proposal.pk]),
            tab=tab,
        )
    if saved is None:
        return None
    messages.success(request, saved_message)
    return redirect(list_url_name, pk=proposal.pk)
