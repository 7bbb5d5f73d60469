"""Reads for the board, the resource centre, notifications and the dashboard."""

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from communities.models import Community
from communities.selectors import active_community_ids

from .enums import AgendaProposalStatus, ChallengeStatus
from .models import (
    AgendaProposal,
    Attachment,
    Challenge,
    ChallengeAgendaLink,
    Follow,
    HelpfulVote,
    Notification,
    Reply,
    Resource,
)
from .services.notifications import mention_handle, mentioned_people
from .visibility import visible_challenges

# Columns a list never shows: the search vector (1-12 KB a row) and the texts' copies with Khmer words spaced.
LIST_DEFERRED = ("search_vector", "title_words", "body_words")


def count_of(queryset):
    """A correlated subquery counting `queryset`'s rows (filtered on OuterRef): computed only for the rows
    a page shows, where Count over a join counts every row before the LIMIT."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def mention_links(*texts: str) -> dict[str, str]:
    """The @handles in these texts that name a member, mapped to that person's page; one query, none when
    no text mentions anyone. A handle naming nobody is left out, so it stays plain text."""
    links = {}
    for person in mentioned_people(" ".join(texts)):
        url = person.get_absolute_url()
        links.setdefault(mention_handle(person), url)
        links.setdefault(person.email.split("@")[0].lower(), url)
    return links


def visible_replies_of_challenge():
    return Reply.objects.filter(challenge=OuterRef("pk"), is_hidden=False)


def challenge_list(user):
    return (
        visible_challenges(user)
        .defer(*LIST_DEFERRED)
        .select_related("author", "organisation", "community")
        .prefetch_related("themes")
        .annotate(
            reply_count=count_of(visible_replies_of_challenge()),
            accepted_count=count_of(Reply.objects.filter(challenge=OuterRef("pk"), is_accepted=True)),
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
    in_themes = Challenge.themes.through.objects.filter(challenge=OuterRef("pk"), focusarea__in=themes)
    return (
        challenge_list(user)
        .filter(status=ChallengeStatus.OPEN, is_hidden=False)
        .filter(Exists(in_themes), ~Exists(visible_replies_of_challenge()))
        .exclude(author=user)
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
