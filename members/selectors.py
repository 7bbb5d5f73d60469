"""Reads for the members app: each page's queryset with what its template touches."""

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Value, When

from .enums import AffiliationInvitationStatus, AffiliationRole, JoinRequestStatus, OfferKind, OrganisationKind, Role
from .models import (
    Affiliation,
    AffiliationInvitation,
    ContactPerson,
    Interaction,
    Invitation,
    JoinRequest,
    Offer,
    OfferPhoto,
    Organisation,
    User,
)


def invitation_list():
    return Invitation.objects.select_related("invited_by", "accepted_by", "organisation").order_by("-created_at")


def users_pending_approval():
    """People waiting for approval with what they wrote: their sign-up note and any request to join."""
    return (
        User.objects.filter(role=Role.PENDING, is_active=True)
        .select_related("signup_note")
        .prefetch_related(
            Prefetch(
                "join_requests", queryset=JoinRequest.objects.prefetch_related("focus_areas").order_by("-created_at")
            )
        )
        .order_by("date_joined")
    )


def organisation_directory():
    """Organisations for the directory cards: their focus areas, regions and number of people."""
    # The annotation makes this a GROUP BY query, where Django drops Meta.ordering: order explicitly.
    return (
        Organisation.objects.prefetch_related("focus_areas", "regions", "rightsholder_groups")
        .annotate(people_count=Count("affiliations", distinct=True), runs_social_enterprise=_runs_social_enterprise())
        .order_by("name")
    )


def _runs_social_enterprise():
    """Whether an organisation lists something its social enterprise offers (an EXISTS, not a join)."""
    return Exists(Offer.objects.filter(organisation=OuterRef("pk"), kind=OfferKind.OFFER))


def offer_list():
    """The marketplace: each listing with its organisation, provinces, groups and first photo."""
    return Offer.objects.select_related("organisation").prefetch_related(
        "regions", "rightsholder_groups", Prefetch("photos", queryset=OfferPhoto.objects.order_by("position", "pk"))
    )


def offer_detail(*, pk):
    """One listing with everything its page shows, or None."""
    return offer_list().filter(pk=pk).first()


def offers_of(organisation):
    """An organisation's listings, offers first, for its profile page."""
    return organisation.offers.order_by("kind", "title")


def _leaders_first(affiliations):
    rank = Case(When(role=AffiliationRole.LEADER, then=Value(0)), default=Value(1))
    return affiliations.alias(rank=rank).order_by("rank")


def organisation_detail(*, slug: str):
    leaders_first = _leaders_first(Affiliation.objects.select_related("person")).order_by(
        "rank", "person__display_name"
    )
    return (
        Organisation.objects.prefetch_related(
            "focus_areas",
            "regions",
            "rightsholder_groups",
            Prefetch("affiliations", queryset=leaders_first),
            Prefetch("offers", queryset=Offer.objects.order_by("kind", "title")),
            # Higher apps' records that point here, followed by their related names.
            "agenda_items__meeting",
            "community_links__community",
            "community_stakeholder_links__community",
            "proposal_activities__proposal__community",
        )
        .filter(slug=slug)
        .first()
    )


def proposals_with_activities_of(organisation: Organisation, user: User) -> list[tuple]:
    """(proposal, its activities this organisation is responsible for), for the proposals the person may open.

    Built from organisation_detail()'s prefetch by the proposals app's related name, without importing it.
    """
    by_proposal: dict = {}
    for activity in getattr(organisation, "proposal_activities", Organisation.objects.none()).all():
        by_proposal.setdefault(activity.proposal, []).append(activity)
    return [
        (proposal, activities)
        for proposal, activities in by_proposal.items()
        if user.has_perm("proposals.view_summary_proposal", proposal)
    ]


def affiliation_invitations_for(user: User):
    """The invitations to an organisation waiting for this person's answer, newest first."""
    return AffiliationInvitation.objects.filter(person=user, status=AffiliationInvitationStatus.PENDING).select_related(
        "organisation", "invited_by"
    )


def pending_affiliation_invitations(*, organisation: Organisation):
    """The people invited to the organisation who have not answered yet, for its people page."""
    return organisation.affiliation_invitations.filter(status=AffiliationInvitationStatus.PENDING).select_related(
        "person", "invited_by"
    )


def organisation_history(*, organisation: Organisation):
    return organisation.changes.select_related("changed_by")


def people_directory():
    visible = _leaders_first(Affiliation.objects.select_related("organisation")).order_by("rank", "organisation__name")
    return (
        User.objects.network_members()
        .prefetch_related("expertise", Prefetch("affiliations", queryset=visible))
        .order_by("display_name", "email")
    )


def person_detail(*, pk: int):
    return people_directory().filter(pk=pk).first()


def join_requests(*, status: str | None = JoinRequestStatus.PENDING):
    requests = JoinRequest.objects.select_related("requested_by", "decided_by", "organisation").prefetch_related(
        "focus_areas"
    )
    return requests.filter(status=status) if status else requests


def stakeholder_register():
    return (
        Organisation.objects.filter(kind=OrganisationKind.STAKEHOLDER)
        .annotate(
            contact_count=Count("contact_people", distinct=True),
            interaction_count=Count("interactions", distinct=True),
        )
        .order_by("name")
    )


def stakeholder_detail(*, slug: str):
    return (
        Organisation.objects.filter(kind=OrganisationKind.STAKEHOLDER, slug=slug)
        .prefetch_related(
            Prefetch("contact_people", queryset=ContactPerson.objects.select_related("account")),
            Prefetch("interactions", queryset=Interaction.objects.select_related("contact", "recorded_by")),
        )
        .first()
    )
