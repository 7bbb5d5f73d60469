"""Challenges on meeting agendas: those who run a meeting put a challenge on its agenda; a member proposes
their challenge, and those who run the meeting accept or decline it. Nothing reaches an agenda before that.

A meeting is run by the coordinators, and a community meeting also by that community's facilitators.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Membership
from events.enums import MeetingStatus
from events.services import agenda_item_save
from members.enums import Role
from members.models import User

from ..enums import AgendaProposalStatus, NotificationKind
from ..models import AgendaProposal, Challenge, ChallengeAgendaLink
from ..visibility import challenge_visible_to
from .notifications import notify


def runs_meeting(person, meeting) -> bool:
    """Whether the person may change the meeting's agenda now: a coordinator, or an active facilitator of
    the meeting's community. Asked of the database, so a facilitator who stepped down is refused. No side effects.
    """
    if person is None or not person.is_network_member:
        return False
    if person.is_coordinator:
        return True
    return bool(meeting.community_id) and (
        Membership.objects.facilitating().filter(community_id=meeting.community_id, person=person).exists()
    )


def meeting_deciders(meeting) -> list[User]:
    """Who is told of a proposal for the meeting: the community's facilitators for a community meeting
    (the coordinators while it has none), the coordinators for a network meeting. No side effects.
    """
    people = User.objects.network_members()
    if meeting.community_id:
        facilitating = Membership.objects.facilitating().filter(community_id=meeting.community_id)
        facilitators = list(people.filter(pk__in=facilitating.values("person")))
        if facilitators:
            return facilitators
    return list(people.filter(role=Role.COORDINATOR))


def _check_meeting_takes(challenge: Challenge, meeting) -> None:
    """The meeting is still to come and its audience may see the challenge: a community's challenge goes to
    that community's meetings or the network's, a network-wide challenge to network meetings."""
    if meeting.status != MeetingStatus.SCHEDULED or meeting.is_past:
        raise ValidationError({"meeting": _("Choose a meeting that is still to come.")})
    if meeting.community_id is not None and meeting.community_id != challenge.community_id:
        raise ValidationError({"meeting": _("Choose a meeting whose audience may see this challenge.")})
    if ChallengeAgendaLink.objects.filter(challenge=challenge, agenda_item__meeting=meeting).exists():
        raise ValidationError({"meeting": _("This challenge is already on that meeting's agenda.")})


@transaction.atomic
def challenge_schedule(
    *, challenge: Challenge, meeting, by, duration_minutes: int | None = None
) -> ChallengeAgendaLink:
    """Someone who runs the meeting puts a challenge on its agenda; a proposal waiting for it is accepted.

    Writes an AgendaItem at the end of the agenda, a ChallengeAgendaLink, the waiting AgendaProposal as
    accepted, and a Notification to the author and each follower. Raises ValidationError when `by` does not
    run the meeting, the meeting is not still to come or not for the challenge's audience, or already has it.
    """
    if not runs_meeting(by, meeting):
        raise ValidationError(
            {"meeting": _("Only those who run this meeting add to its agenda; propose the challenge to them.")}
        )
    _check_meeting_takes(challenge, meeting)
    item = agenda_item_save(
        meeting=meeting,
        by=by,
        title=_("Challenge: %(title)s") % {"title": challenge.title},
        description=_("Brought by %(name)s.") % {"name": challenge.organisation or challenge.author.name},
        presenter=challenge.author,
        presenter_organisation=challenge.organisation,
        duration_minutes=duration_minutes,
    )
    link = ChallengeAgendaLink.objects.create(challenge=challenge, agenda_item=item, scheduled_by=by)
    AgendaProposal.objects.filter(challenge=challenge, meeting=meeting, status=AgendaProposalStatus.PENDING).update(
        status=AgendaProposalStatus.ACCEPTED, decided_by=by, decided_at=timezone.now(), agenda_link=link
    )
    followers = [challenge.author, *(follow.person for follow in challenge.follows.select_related("person"))]
    notify(recipients=followers, kind=NotificationKind.AGENDA, actor=by, challenge=challenge, meeting=meeting)
    return link


@transaction.atomic
def agenda_proposal_create(*, challenge: Challenge, meeting, by, duration_minutes: int | None = None) -> AgendaProposal:
    """The author of a challenge proposes it for a meeting's agenda; nothing is on the agenda yet.

    Writes a pending AgendaProposal and a Notification to those who decide (meeting_deciders). Raises
    ValidationError when `by` is not the challenge's author or may not see it now, it is hidden, the meeting
    is not still to come or not for the challenge's audience, already has it, or a proposal for it waits.
    """
    if challenge.author_id != by.pk or not challenge_visible_to(challenge, by):
        raise ValidationError(_("Only the author of a challenge proposes it for an agenda."))
    if challenge.is_hidden:
        raise ValidationError(_("This challenge was hidden by a moderator."))
    _check_meeting_takes(challenge, meeting)
    waiting = {"meeting": _("This challenge is already proposed for that meeting; it waits for an answer.")}
    if AgendaProposal.objects.filter(
        challenge=challenge, meeting=meeting, status=AgendaProposalStatus.PENDING
    ).exists():
        raise ValidationError(waiting)
    try:
        with transaction.atomic():
            proposal = AgendaProposal.objects.create(
                challenge=challenge, meeting=meeting, duration_minutes=duration_minutes, proposed_by=by
            )
    except IntegrityError as error:
        # The same form sent twice at once: the constraint keeps one proposal.
        raise ValidationError(waiting) from error
    notify(
        recipients=meeting_deciders(meeting),
        kind=NotificationKind.AGENDA_PROPOSED,
        actor=by,
        challenge=challenge,
        meeting=meeting,
    )
    return proposal


def challenge_put_forward(*, challenge: Challenge, meeting, by, duration_minutes: int | None = None):
    """The one entry point of the "agenda" form: someone who runs the meeting schedules the challenge at
    once (challenge_schedule, returns the ChallengeAgendaLink); anyone else proposes it
    (agenda_proposal_create, returns the AgendaProposal). Side effects and refusals are theirs.
    """
    service = challenge_schedule if runs_meeting(by, meeting) else agenda_proposal_create
    return service(challenge=challenge, meeting=meeting, by=by, duration_minutes=duration_minutes)


def _lock_waiting(proposal: AgendaProposal, by) -> AgendaProposal:
    proposal = (
        AgendaProposal.objects.select_for_update(of=("self",))
        .select_related("challenge__author", "challenge__organisation", "meeting")
        .get(pk=proposal.pk)
    )
    if not runs_meeting(by, proposal.meeting):
        raise ValidationError(_("Only those who run this meeting decide what goes on its agenda."))
    if proposal.status != AgendaProposalStatus.PENDING:
        raise ValidationError(_("This proposal was already answered."))
    return proposal


@transaction.atomic
def agenda_proposal_accept(*, proposal: AgendaProposal, by) -> ChallengeAgendaLink:
    """Someone who runs the meeting accepts: the challenge goes on its agenda through challenge_schedule,
    which tells the author and the followers.

    Writes what challenge_schedule writes and the proposal as accepted. Raises ValidationError when `by`
    does not run the meeting, it was already answered, or challenge_schedule refuses.
    """
    proposal = _lock_waiting(proposal, by)
    return challenge_schedule(
        challenge=proposal.challenge, meeting=proposal.meeting, by=by, duration_minutes=proposal.duration_minutes
    )


@transaction.atomic
def agenda_proposal_decline(*, proposal: AgendaProposal, by) -> AgendaProposal:
    """Someone who runs the meeting declines; the challenge's author is told.

    Writes the proposal as declined and a Notification to the author. Raises ValidationError when `by`
    does not run the meeting or it was already answered.
    """
    proposal = _lock_waiting(proposal, by)
    proposal.status = AgendaProposalStatus.DECLINED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    notify(
        recipients=[proposal.challenge.author],
        kind=NotificationKind.AGENDA_DECLINED,
        actor=by,
        challenge=proposal.challenge,
        meeting=proposal.meeting,
    )
    return proposal
