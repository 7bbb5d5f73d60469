"""Reads for the board, the resource centre, notifications and the dashboard."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from communities.models import Community
from communities.selectors import active_community_ids

from .enums import AgendaProposalStatus, ChallengeStatus
from .models import (
    AgendaProposal,
    Attachment,
    ChallengeAgendaLink,
    Follow,
    HelpfulVote,
    Notification,
    Reply,
    Resource,
)
from .visibility import visible_challenges


def challenge_list(user):
    return (
        visible_challenges(user)
        .select_related("author", "organisation", "community")
        .prefetch_related("themes")
        .annotate(
            reply_count=Count("replies", filter=Q(replies__is_hidden=False), distinct=True),
            accepted_count=Count("replies", filter=Q(replies__is_accepted=True), distinct=True),
        )
    )


def challenge_detail(*, pk: int, user):
    replies = (
        Reply.objects.select_related("author", "hidden_by")
        .prefetch_related("author__affiliations__organisation")
        .annotate(
            helpful_count=Count("votes", distinct=True),
            voted=Exists(HelpfulVote.objects.filter(reply=OuterRef("pk"), person=user.pk)),
        )
        .order_by("created_at", "pk")
    )
    links = ChallengeAgendaLink.objects.select_related("agenda_item__meeting__minutes")
    waiting = AgendaProposal.objects.filter(status=AgendaProposalStatus.PENDING).select_related("meeting")
    return (
        visible_challenges(user)
        .filter(pk=pk)
        .select_related("author", "organisation", "community", "hidden_by")
        .prefetch_related(
            "themes",
            Prefetch("replies", queryset=replies),
            Prefetch("agenda_links", queryset=links),
            Prefetch("agenda_proposals", queryset=waiting, to_attr="waiting_agenda_proposals"),
            Prefetch("attachments", queryset=Attachment.objects.all()),
            "resources",
        )
        .annotate(
            follower_count=Count("follows", distinct=True),
            following=Exists(Follow.objects.filter(challenge=OuterRef("pk"), person=user.pk)),
        )
        .first()
    )


def agenda_proposals_to_decide(user):
    """The proposals waiting for an answer for the meetings the person runs: every meeting for
    coordinators, their communities' meetings for facilitators; soonest meeting first."""
    proposals = (
        AgendaProposal.objects.filter(status=AgendaProposalStatus.PENDING)
        .select_related("challenge__author", "challenge__organisation", "challenge__community", "meeting__community")
        .select_related("proposed_by")
        .order_by("meeting__starts_at", "created_at", "pk")
    )
    if user.is_coordinator:
        return proposals
    return proposals.filter(meeting__community__in=Community.objects.facilitated_by(user))


def challenges_waiting_in_themes(user, limit: int = 5):
    """Open challenges without a reply yet, in the themes of the person's organisations."""
    themes = user.affiliations.values("organisation__focus_areas")
    return (
        challenge_list(user)
        .filter(status=ChallengeStatus.OPEN, is_hidden=False, themes__in=themes)
        .exclude(author=user)
        .filter(reply_count=0)
        .distinct()
        .order_by("-created_at")[:limit]
    )


def visible_resources(user):
    resources = Resource.objects.all()
    if not user.is_authenticated:
        return resources.filter(is_public=True)
    if not user.is_coordinator:
        resources = resources.filter(
            Q(community__isnull=True) | Q(community_id__in=active_community_ids(user)) | Q(is_public=True)
        )
    return resources


def resource_list(user):
    return (
        visible_resources(user)
        .select_related("created_by", "meeting", "community", "challenge")
        .prefetch_related("themes")
    )


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related(
        "actor", "challenge", "reply__challenge", "meeting"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
