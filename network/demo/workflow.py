"""Dating the demo's workflow back: the services stamp each step with the time it runs."""

from proposals.models import Proposal

from .dates import at


def date_back(
    proposal: Proposal, *, created: int, versions: list[int], changes: list[int], submitted=None, decided=None
):
    """Give the proposal, its versions (in number order) and its status changes (in the order they were
    made) the days of the story, counted from today. Writes the timestamps directly."""
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=at(created),
        submitted_at=at(submitted, 11) if submitted is not None else None,
        decided_at=at(decided, 11) if decided is not None else None,
    )
    for version, offset in zip(proposal.versions.order_by("number"), versions, strict=True):
        type(version).objects.filter(pk=version.pk).update(saved_at=at(offset, 10))
    for change, offset in zip(proposal.status_changes.order_by("pk"), changes, strict=True):
        type(change).objects.filter(pk=change.pk).update(at=at(offset, 11))
    proposal.exchange_rates.update(set_at=at(created))
