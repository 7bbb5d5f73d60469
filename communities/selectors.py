"""Reads for communities of practice: each page's queryset with what its template touches."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.enums import OrganisationKind, OrganisationStatus
from members.models import Affiliation, Organisation, User

from .enums import MembershipRole, MembershipStatus
from .models import Community, CommunityOrganisation, Membership, StakeholderLink


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated count per community, so several counts do not multiply each other's rows."""
    counted = queryset.filter(community=OuterRef("pk")).order_by().values("community").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def _viewer_membership(viewer: User | None, field: str) -> Subquery | Value:
    if viewer is None or not viewer.is_authenticated:
        return Value("")
    mine = Membership.objects.filter(community=OuterRef("pk"), person=viewer)
    return Coalesce(Subquery(mine.values(field)[:1]), Value(""))


def _facilitators_first(memberships: QuerySet) -> QuerySet:
    rank = Case(When(role=MembershipRole.FACILITATOR, then=Value(0)), default=Value(1))
    return memberships.alias(rank=rank).order_by("rank", "person__display_name", "person__email")


def _active_people() -> QuerySet:
    people_at = Affiliation.objects.select_related("organisation").order_by("organisation__name")
    return _facilitators_first(
        Membership.objects.active()
        .select_related("person")
        .prefetch_related(Prefetch("person__affiliations", queryset=people_at))
    )


def community_directory(*, viewer: User | None = None, include_inactive: bool = False) -> QuerySet:
    """Communities for the directory cards: themes, rightsholder groups, member organisations,
    counts of people, organisations and stakeholders, and the viewer's own status and role in each.
    """
    communities = Community.objects.all() if include_inactive else Community.objects.filter(is_active=True)
    return (
        communities.prefetch_related(
            "themes",
            "rightsholder_groups",
            Prefetch(
                "organisation_links",
                queryset=CommunityOrganisation.objects.select_related("organisation").order_by("organisation__name"),
            ),
        )
        .annotate(
            member_count=_count(Membership.objects.active()),
            organisation_count=_count(CommunityOrganisation.objects.all()),
            stakeholder_count=_count(StakeholderLink.objects.all()),
            my_status=_viewer_membership(viewer, "status"),
            my_role=_viewer_membership(viewer, "role"),
        )
        .order_by("name")
    )


def community_detail(*, slug: str) -> Community | None:
    """One community with its themes, groups, member organisations, active people (facilitators first,
    each with their organisations), stakeholder links with their organisation, and its proposals.
    """
    community = Community.objects.filter(slug=slug).first()
    if community is not None:
        community_page(community)
        prefetch_related_objects(
            [community], Prefetch("memberships", queryset=_active_people(), to_attr="active_memberships")
        )
    return community


def community_page(community: Community) -> Community:
    """What the community page shows of `community` (as the URL's loader read it), but its people
    (community_people) and its timeline (community_timeline): themes, groups, member organisations,
    stakeholder links with their organisation, and its proposals with their call.
    """
    lookups = [
        "themes",
        "rightsholder_groups",
        Prefetch(
            "organisation_links",
            queryset=CommunityOrganisation.objects.select_related("organisation").order_by("organisation__name"),
        ),
        Prefetch(
            "stakeholder_links",
            queryset=StakeholderLink.objects.select_related("organisation").order_by("organisation__name"),
        ),
    ]
    if hasattr(community, "proposals"):
        # The proposals app's rows, followed by their related name; the page shows those the viewer may see.
        proposals = community.proposals.model._default_manager.select_related("call")
        lookups.append(Prefetch("proposals", queryset=proposals))
    prefetch_related_objects([community], *lookups)
    return community


def community_people(community: Community) -> QuerySet:
    """The community's active people, facilitators first, each with their organisations; every row carries
    `total`, the number of them all (a window count, so the first page needs no count query of its own).
    """
    return _active_people().filter(community=community).annotate(total=Window(Count("pk")))


@dataclass(frozen=True)
class PageMemberships:
    """The membership rows the community page shows besides its people, read in one query."""

    mine: Membership | None  # the viewer's own, in whatever state (membership_of)
    waiting: list  # requests and invitations, oldest first (memberships_awaiting_decision)
    recent_joins: list  # the newest active members, newest first, for the timeline


def page_memberships(*, community: Community, viewer: User, with_waiting: bool, joins: int = 15) -> PageMemberships:
    """The viewer's own membership, those waiting for an answer (when `with_waiting`) and the `joins` newest
    active members of the community, in one query: each part is a condition, the newest a limited subquery.
    """
    newest = (
        Membership.objects.active()
        .filter(community=community)
        .alias(joined=Coalesce("decided_at", "created_at"))
        .order_by("-joined", "-pk")
    )
    wanted = Q(pk__in=newest[:joins].values("pk"))
    if viewer.is_authenticated:
        wanted |= Q(person=viewer)
    if with_waiting:
        wanted |= Q(status__in=[MembershipStatus.REQUESTED, MembershipStatus.INVITED])
    rows = list(
        Membership.objects.filter(community=community)
        .filter(wanted)
        .select_related("person", "community", "invited_by")
        .order_by("created_at", "pk")
    )
    newest_ids = [
        row.pk
        for row in sorted(
            (row for row in rows if row.status == MembershipStatus.ACTIVE),
            key=lambda row: (row.decided_at or row.created_at, row.pk),
            reverse=True,
        )
    ][:joins]
    by_pk = {row.pk: row for row in rows}
    return PageMemberships(
        mine=next((row for row in rows if viewer.is_authenticated and row.person_id == viewer.pk), None),
        waiting=[
            row for row in rows if with_waiting and row.status in (MembershipStatus.REQUESTED, MembershipStatus.INVITED)
        ],
        recent_joins=[by_pk[pk] for pk in newest_ids],
    )


def membership_of(*, community: Community, person: User) -> Membership | None:
    """The person's own membership row in the community, in whatever state, or None."""
    if not person.is_authenticated:
        return None
    return Membership.objects.select_related("invited_by").filter(community=community, person=person).first()


def memberships_awaiting_decision(*, community: Community | None = None) -> QuerySet:
    """Requests to join and open invitations, oldest first, with the people they concern."""
    waiting = Membership.objects.filter(
        status__in=[MembershipStatus.REQUESTED, MembershipStatus.INVITED]
    ).select_related("person", "community", "invited_by")
    if community is not None:
        waiting = waiting.filter(community=community)
    return waiting.order_by("created_at")


def active_community_ids(user: User) -> QuerySet:
    """The ids of the communities the person is an active member of, as a subquery for other apps' filters."""
    return Membership.objects.active().filter(person=user.pk).values("community_id")


def communities_of(user: User) -> QuerySet:
    """The communities a person is an active member of, with their role there as `my_role`."""
    mine = Membership.objects.active().filter(community=OuterRef("pk"), person=user)
    return Community.objects.with_member(user).annotate(my_role=Subquery(mine.values("role")[:1])).order_by("name")


def members_to_invite(*, community: Community) -> QuerySet:
    """Approved people of the network who are neither in the community nor already asked or invited."""
    taken = Membership.objects.filter(
        community=community,
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED, MembershipStatus.INVITED],
    ).values("person")
    return User.objects.network_members().exclude(pk__in=taken).order_by("display_name", "email")


def organisations_to_add(*, community: Community) -> QuerySet:
    """Active member and facilitating organisations not yet in the community."""
    return (
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        .exclude(kind=OrganisationKind.STAKEHOLDER)
        .exclude(community_links__community=community)
        .order_by("name")
    )


def stakeholders() -> QuerySet:
    """The stakeholder register, for choosing an organisation to link."""
    return Organisation.objects.filter(kind=OrganisationKind.STAKEHOLDER).order_by("name")


def visible_proposals_of(community: Community, user: User) -> list:
    """The community's proposals (prefetched by community_detail) that the person may open.

    The proposals app names the permission; this app only follows the reverse relation.
    """
    if not hasattr(community, "proposals"):
        return []
    return [p for p in community.proposals.all() if user.has_perm("proposals.view_summary_proposal", p)]


@dataclass(frozen=True)
class Activity:
    """One line of a community's activity timeline."""

    on: datetime.date
    kind: str  # member_joined, organisation_joined, stakeholder_linked, meeting_held or challenge_posted
    subject: Any  # the Membership, CommunityOrganisation or StakeholderLink


@dataclass(frozen=True)
class CommunityLife:
    """The community's meetings, challenges and resources. Those apps point at Community; this
    follows their related names without importing them."""

    upcoming_meetings: list
    past_meetings: list
    challenges: list
    resources: list


def community_life(community: Community, *, members_only: bool, limit: int = 5) -> CommunityLife:
    now = timezone.now()
    meetings = community.meetings.order_by("starts_at")
    upcoming = meetings.scheduled().filter(ends_at__gt=now)[:limit]
    past = meetings.not_cancelled().filter(ends_at__lte=now).order_by("-starts_at")[:limit]
    # Both lists in one query: each limited list is a subquery.
    both = list(meetings.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=past.values("pk"))))
    return CommunityLife(
        upcoming_meetings=[meeting for meeting in both if meeting.ends_at > now],
        past_meetings=[meeting for meeting in reversed(both) if meeting.ends_at <= now],
        challenges=list(
            community.challenges.filter(is_hidden=False)
            .select_related("author", "organisation")
            .order_by("-created_at")[:limit]
        )
        if members_only
        else [],
        resources=list(community.resources.order_by("-created_at")[:limit]) if members_only else [],
    )


def community_timeline(
    community: Community, *, joins: list, life: CommunityLife | None = None, limit: int = 15
) -> list[Activity]:
    """What happened in the community, newest first: people who joined (`joins`, see recent_joins),
    organisations that joined, stakeholders linked, and, given its life, meetings held and challenges brought.
    Built from rows already loaded, without a query.
    """
    local = timezone.localtime
    entries = [Activity(local(m.decided_at or m.created_at).date(), "member_joined", m) for m in joins]
    entries += [Activity(link.joined_on, "organisation_joined", link) for link in community.organisation_links.all()]
    entries += [Activity(link.started_on, "stakeholder_linked", link) for link in community.stakeholder_links.all()]
    if life is not None:
        entries += [
            Activity(local(meeting.starts_at).date(), "meeting_held", meeting) for meeting in life.past_meetings
        ]
        entries += [
            Activity(local(challenge.created_at).date(), "challenge_posted", challenge) for challenge in life.challenges
        ]
    entries.sort(key=lambda entry: entry.on, reverse=True)
    return entries[:limit]


# --- partnerships ------------------------------------------------------------------------


def partnerships_for(*, viewer: User) -> QuerySet:
    """The partnerships a person may open: all for coordinators; else those of communities they facilitate
    and those whose partners they work for or represent. Partner count annotated."""
    from .models import Partnership

    partnerships = Partnership.objects.all()
    if not viewer.is_coordinator:
        from django.db.models import Q

        facilitated = Membership.objects.facilitating().filter(person=viewer).values("community_id")
        mine = Partnership.objects.of_person(viewer).values("pk")
        partnerships = partnerships.filter(Q(community_id__in=facilitated) | Q(pk__in=mine))
    return (
        partnerships.select_related("community")
        .annotate(partner_count=Count("partners", distinct=True))
        .order_by("name", "pk")
    )


def partnership_page(*, pk: int):
    """A partnership with its community, partners (organisation, representative), principles and measures."""
    from .models import Partner, Partnership

    return (
        Partnership.objects.select_related("community")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.select_related("organisation", "representative")),
            "principles",
            "measures",
            "reviews",
        )
        .filter(pk=pk)
        .first()
    )


def review_items(partnership) -> list[tuple[tuple[str, int], str]]:
    """[((kind, id), title)]: the principles, then the measures of success, as the review asks them."""
    return [(("principle", p.pk), p.title) for p in partnership.principles.all()] + [
        (("measure", m.pk), m.title) for m in partnership.measures.all()
    ]


def partnership_health(partnership):
    """Every review's scores per principle and measure, in one query (communities.domain.health)."""
    from .domain.health import health_history
    from .models import ReviewScore

    numbers = [review.number for review in partnership.reviews.all()]
    rows = ReviewScore.objects.filter(answer__review__partnership=partnership).values_list(
        "answer__review__number", "principle_id", "measure_id", "score"
    )
    scores = [
        (number, "principle" if principle else "measure", principle or measure, score)
        for number, principle, measure, score in rows
    ]
    return health_history(review_items(partnership), numbers, scores)


def review_comments(review) -> list:
    """The comments partners wrote in one review, with their item and partner, in one query."""
    from .models import ReviewScore

    return list(
        ReviewScore.objects.filter(answer__review=review)
        .exclude(comment="")
        .select_related("principle", "measure", "answer__partner__organisation")
        .order_by("principle_id", "measure_id", "answer__partner__organisation__name")
    )
