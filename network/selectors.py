"""Reads for the board, the resource centre, notifications and the dashboard."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from communities.models import Community
from communities.selectors import active_community_ids
from members.enums import AffiliationRole

from .enums import AgendaProposalStatus, ChallengeStatus
from .models import (
    AgendaProposal,
    Attachment,
    Challenge,
    ChallengeAgendaLink,
    Enquiry,
    EnquiryMessage,
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
        "actor", "challenge", "reply__challenge", "meeting", "enquiry"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def enquiries_of(user):
    """The enquiries a person asked, and those sent to the organisations they lead, newest activity first,
    each with its offer, both organisations and its number of messages."""
    led = user.affiliations.filter(role=AffiliationRole.LEADER).values("organisation_id")
    return (
        Enquiry.objects.filter(Q(author=user) | Q(organisation_id__in=led))
        .select_related("offer", "organisation", "from_organisation", "author")
        .annotate(message_count=count_of(EnquiryMessage.objects.filter(enquiry=OuterRef("pk"))))
        .order_by("-last_message_at", "-pk")
    )


def enquiry_detail(*, pk: int):
    """One enquiry with its messages and their authors, or None."""
    return (
        Enquiry.objects.select_related("offer__organisation", "organisation", "from_organisation", "author")
        .prefetch_related(Prefetch("messages", queryset=EnquiryMessage.objects.select_related("author")))
        .filter(pk=pk)
        .first()
    )


def enquiries_by_quarter(*, quarters: int = 8) -> list[dict]:
    """Enquiries between members in each of the last `quarters` quarters (in the network's time zone), oldest
    first, quarters without any as 0: how many, from how many organisations, to how many, and how many
    were answered by the organisation asked."""
    today = timezone.localdate()
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    first = this_quarter - relativedelta(months=3 * (quarters - 1))
    since = datetime.combine(first, time(), tzinfo=timezone.get_current_timezone())
    answered = EnquiryMessage.objects.filter(enquiry=OuterRef("pk")).exclude(author=OuterRef("author"))
    rows = (
        Enquiry.objects.filter(created_at__gte=since)
        .annotate(quarter=TruncQuarter("created_at"), answered=Exists(answered))
        .values("quarter")
        .annotate(
            count=Count("pk"),
            asking=Count("from_organisation", distinct=True),
            asked=Count("organisation", distinct=True),
            replied=Count("pk", filter=Q(answered=True)),
        )
        .order_by()
    )
    found = {(row["quarter"].date() if hasattr(row["quarter"], "date") else row["quarter"]): row for row in rows}
    result, quarter = [], first
    while quarter <= this_quarter:
        row = found.get(quarter, {})
        result.append(
            {
                "start": quarter,
                "number": (quarter.month - 1) // 3 + 1,
                "count": row.get("count", 0),
                "asking": row.get("asking", 0),
                "asked": row.get("asked", 0),
                "replied": row.get("replied", 0),
            }
        )
        quarter += relativedelta(months=3)
    return result
