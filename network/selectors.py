"""Reads for the board, the resource centre, notifications and the dashboard."""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce

from common.fragments import cached, person_scope
from communities.models import Community
from communities.selectors import active_community_ids
from members.models import Affiliation

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
from .visibility import visible_challenges

# Columns a list never shows: the search vector (1-12 KB a row) and the texts' copies with Khmer words spaced.
LIST_DEFERRED = ("search_vector", "title_words", "body_words")


def count_of(queryset):
    """A correlated subquery counting `queryset`'s rows (filtered on OuterRef): computed only for the rows
    a page shows, where Count over a join counts every row before the LIMIT."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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


# Threads (a top-level reply with its answers) per page of a challenge: a challenge with 500 replies would
# otherwise be a page of about a megabyte.
REPLY_THREADS_PER_PAGE = 50


def challenge_detail(*, pk: int, user):
    """The challenge with what its page shows but the replies (see reply_threads). A section with no rows
    costs no query: `has_themes`, `has_attachments`, `has_resources`, `has_agenda_links` say which exist (the
    template asks them before the rows), and only those are prefetched.
    """
    challenge = (
        visible_challenges(user)
        .filter(pk=pk)
        .select_related("author", "organisation", "community", "hidden_by")
        .annotate(
            follower_count=count_of(Follow.objects.filter(challenge=OuterRef("pk"))),
            following=Exists(Follow.objects.filter(challenge=OuterRef("pk"), person=user.pk)),
            has_themes=Exists(Challenge.themes.through.objects.filter(challenge=OuterRef("pk"))),
            has_attachments=Exists(Attachment.objects.filter(challenge=OuterRef("pk"))),
            has_resources=Exists(Resource.objects.filter(challenge=OuterRef("pk"))),
            has_agenda_links=Exists(ChallengeAgendaLink.objects.filter(challenge=OuterRef("pk"))),
            has_waiting_agenda=Exists(
                AgendaProposal.objects.filter(challenge=OuterRef("pk"), status=AgendaProposalStatus.PENDING)
            ),
            has_accepted=Exists(Reply.objects.filter(challenge=OuterRef("pk"), is_accepted=True, is_hidden=False)),
        )
        .first()
    )
    if challenge is None:
        return None
    waiting = AgendaProposal.objects.filter(status=AgendaProposalStatus.PENDING).select_related("meeting")
    links = ChallengeAgendaLink.objects.select_related("agenda_item__meeting__minutes")
    wanted = [
        ("themes", challenge.has_themes),
        ("attachments", challenge.has_attachments),
        ("resources", challenge.has_resources),
        (Prefetch("agenda_links", queryset=links), challenge.has_agenda_links),
        # Shown to the challenge's author only.
        (
            Prefetch("agenda_proposals", queryset=waiting, to_attr="waiting_agenda_proposals"),
            challenge.has_waiting_agenda and challenge.author_id == user.pk,
        ),
    ]
    prefetch_related_objects([challenge], *[lookup for lookup, needed in wanted if needed])
    if not hasattr(challenge, "waiting_agenda_proposals"):
        challenge.waiting_agenda_proposals = []
    return challenge


def _replies_shown(user):
    """Replies with what network/_reply.html shows; the helpful votes counted for the shown rows only."""
    return (
        Reply.objects.select_related("author", "hidden_by")
        .annotate(
            helpful_count=count_of(HelpfulVote.objects.filter(reply=OuterRef("pk"))),
            voted=Exists(HelpfulVote.objects.filter(reply=OuterRef("pk"), person=user.pk)),
        )
        .order_by("created_at", "pk")
    )


def reply_thread_page_of(*, challenge, reply_pk) -> int | None:
    """The page of the challenge on which the reply's thread is, or None when the challenge has no such reply.

    Threads are shown oldest first, a page of REPLY_THREADS_PER_PAGE; an answer is on its parent's page.
    """
    target = Reply.objects.filter(challenge=challenge, pk=reply_pk).values("pk", "parent_id").first()
    if target is None:
        return None
    root = Reply.objects.filter(pk=target["parent_id"] or target["pk"])
    earlier = Reply.objects.filter(challenge=challenge, parent__isnull=True).filter(
        Q(created_at__lt=Subquery(root.values("created_at")))
        | Q(created_at=Subquery(root.values("created_at")), pk__lt=target["parent_id"] or target["pk"])
    )
    return earlier.count() // REPLY_THREADS_PER_PAGE + 1


def reply_threads(*, challenge, user, number) -> tuple[Page, list, list]:
    """The page `number` of the challenge's threads, as (page, [(reply, [answers])], accepted replies on
    other pages). Hidden replies are in it (the template shows a note). Queries: the count, the page's replies
    and answers together, their authors' organisations, and the accepted replies on other pages if any.
    """
    replies = _replies_shown(user)
    roots = Reply.objects.filter(challenge=challenge, parent__isnull=True).order_by("created_at", "pk")
    page = Paginator(roots.values_list("pk", flat=True), REPLY_THREADS_PER_PAGE).get_page(number)
    # The page's slice stays a subquery: the threads and their answers come in one query.
    on_page = page.object_list
    rows = list(replies.filter(challenge=challenge).filter(Q(pk__in=on_page) | Q(parent_id__in=on_page)))
    root_ids = [reply.pk for reply in rows if reply.parent_id is None]
    accepted = []
    if challenge.has_accepted:
        accepted = list(
            replies.filter(challenge=challenge, is_accepted=True, is_hidden=False)
            .exclude(pk__in=root_ids)
            .exclude(parent_id__in=root_ids)
        )
    people_at = Affiliation.objects.select_related("organisation")
    prefetch_related_objects(rows + accepted, Prefetch("author__affiliations", queryset=people_at))
    for reply in rows + accepted:
        reply.challenge = challenge  # its address names the challenge: no query for it
    children = {}
    for reply in rows:
        if reply.parent_id:
            children.setdefault(reply.parent_id, []).append(reply)
    threads = [(reply, children.get(reply.pk, [])) for reply in rows if reply.parent_id is None]
    return page, threads, accepted


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
    """The person's unread notifications, for the bell of every page: kept in the cache until notify() or
    notifications_mark_read() changes them."""
    return cached(
        "unread-count",
        scopes=[person_scope(user)],
        compute=lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    )
