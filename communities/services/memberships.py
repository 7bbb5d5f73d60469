"""Writes about people in communities: asking to join, invitations, decisions, roles and leaving.

Each change of a membership's status happens in one service, which refuses a wrong transition
with a message the person can act on.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail import mail_people
from members.enums import Role
from members.models import User

from ..enums import MembershipRole, MembershipStatus
from ..models import Community, Membership


def _mail_after_commit(people: Iterable[User], *, template: str, context: dict) -> None:
    """One e-mail per person, in their own language and time zone, sent by a worker after the commit."""
    mail_people(people, template=template, context=context)


def _page_urls(community: Community) -> dict[str, str]:
    return {
        "community_url": settings.SITE_URL + community.get_absolute_url(),
        "manage_url": settings.SITE_URL + reverse("communities:membership_list", args=[community.slug]),
    }


def _facilitators_or_coordinators(community: Community) -> list[User]:
    """Who decides on requests to join: the facilitators, or the coordinators while there are none."""
    facilitators = User.objects.filter(
        is_active=True, pk__in=Membership.objects.facilitating().filter(community=community).values("person")
    )
    return list(facilitators) or list(User.objects.filter(is_active=True, role=Role.COORDINATOR))


def _lock(membership: Membership) -> Membership:
    """The membership, re-read under a lock that also holds its community.

    Locking the community first makes changes to its facilitators take turns, so two facilitators
    leaving at the same moment cannot leave the community without one.
    """
    Community.objects.select_for_update().filter(pk=membership.community_id).first()
    return Membership.objects.select_for_update().select_related("person", "community").get(pk=membership.pk)


def _require_status(membership: Membership, *statuses: str, message: str) -> None:
    if membership.status not in statuses:
        raise ValidationError(message)


def _decide(membership: Membership, *, status: str, by: User) -> Membership:
    membership.status = status
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    return membership


def _keep_a_facilitator(membership: Membership) -> None:
    if membership.role != MembershipRole.FACILITATOR or not membership.is_active:
        return
    others = Membership.objects.facilitating().filter(community_id=membership.community_id).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("%(name)s is the only facilitator of %(community)s. Make another member facilitator first.")
            % {"name": membership.person.name, "community": membership.community}
        )


def _check_can_join(community: Community, person: User) -> None:
    if not person.is_network_member:
        raise ValidationError(_("%(name)s is not an approved member of the network yet.") % {"name": person.name})
    if not community.is_active:
        raise ValidationError(_("%(community)s no longer takes new members.") % {"community": community})


def _existing_or_new(community: Community, person: User, **new_fields) -> tuple[Membership, bool]:
    """The person's membership row in the community, locked; created when there is none yet."""
    membership = Membership.objects.select_for_update().filter(community=community, person=person).first()
    if membership is not None:
        return membership, False
    try:
        with transaction.atomic():
            return Membership.objects.create(community=community, person=person, **new_fields), True
    except IntegrityError:
        # Created in the same instant by another request (a double submit): answer as if it had been there.
        return Membership.objects.select_for_update().get(community=community, person=person), False


def _restart(membership: Membership, *, status: str, message: str, invited_by: User | None) -> None:
    """Reopen a membership that ended (left or declined) as a new request or invitation."""
    membership.status = status
    membership.role = MembershipRole.MEMBER
    membership.message = message
    membership.created_at = timezone.now()
    membership.decided_at = None
    membership.decided_by = None
    membership.invited_by = invited_by
    membership.save()


@transaction.atomic
def membership_request(*, community: Community, person: User, message: str = "") -> Membership:
    """A member asks to join a community. Someone who left or was declined may ask again.

    Writes a requested Membership (new or reopened); after commit, an e-mail to each active facilitator
    (to the coordinators while it has none). Raises ValidationError when the person is not an approved
    member, the community is inactive, or they are already a member, asked or invited.
    """
    _check_can_join(community, person)
    membership, created = _existing_or_new(community, person, message=message)
    if not created:
        if membership.status == MembershipStatus.ACTIVE:
            raise ValidationError(_("You are already a member of %(community)s.") % {"community": community})
        if membership.status == MembershipStatus.REQUESTED:
            raise ValidationError(
                _("You already asked to join %(community)s. A facilitator will answer your request.")
                % {"community": community}
            )
        if membership.status == MembershipStatus.INVITED:
            raise ValidationError(
                _("You are already invited to %(community)s. Accept the invitation on its page.")
                % {"community": community}
            )
        _restart(membership, status=MembershipStatus.REQUESTED, message=message, invited_by=None)
    _mail_after_commit(
        _facilitators_or_coordinators(community),
        template="community_join_requested",
        context={"community": community, "person": person, "message": message, **_page_urls(community)},
    )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by: User) -> Membership:
    """Accept a request to join: the person becomes an active member.

    Writes the Membership as active, decided by `by`; after commit, an e-mail to the person.
    Raises ValidationError when the request was already answered.
    """
    membership = _lock(membership)
    _require_status(membership, MembershipStatus.REQUESTED, message=_("This request was already answered."))
    _decide(membership, status=MembershipStatus.ACTIVE, by=by)
    _mail_after_commit(
        [membership.person],
        template="community_membership_approved",
        context={"membership": membership, "community": membership.community, **_page_urls(membership.community)},
    )
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, by: User) -> Membership:
    """Turn down a request to join, or withdraw an invitation not yet answered. No e-mail is sent.

    Writes the Membership as declined. Raises ValidationError when it is no longer requested or invited.
    """
    membership = _lock(membership)
    _require_status(
        membership,
        MembershipStatus.REQUESTED,
        MembershipStatus.INVITED,
        message=_("This request was already answered."),
    )
    return _decide(membership, status=MembershipStatus.DECLINED, by=by)


@transaction.atomic
def membership_invite(*, community: Community, person: User, by: User, message: str = "") -> Membership:
    """Invite a member of the network into the community; they accept or decline on its page.

    Writes an invited Membership (new or reopened); after commit, an e-mail to the invited person.
    Raises ValidationError when the person is not an approved member, the community is inactive,
    or they are already a member, invited or asking to join.
    """
    _check_can_join(community, person)
    membership, created = _existing_or_new(
        community, person, status=MembershipStatus.INVITED, message=message, invited_by=by
    )
    if not created:
        names = {"name": person.name, "community": community}
        if membership.status == MembershipStatus.ACTIVE:
            raise ValidationError({"person": _("%(name)s is already a member of %(community)s.") % names})
        if membership.status == MembershipStatus.INVITED:
            raise ValidationError({"person": _("%(name)s is already invited to %(community)s.") % names})
        if membership.status == MembershipStatus.REQUESTED:
            raise ValidationError(
                {"person": _("%(name)s already asked to join %(community)s: approve the request instead.") % names}
            )
        _restart(membership, status=MembershipStatus.INVITED, message=message, invited_by=by)
    _mail_after_commit(
        [person],
        template="community_invitation",
        context={"membership": membership, "community": community, "invited_by": by, **_page_urls(community)},
    )
    return membership


def _answer_invitation(membership: Membership, by: User, status: str) -> Membership:
    membership = _lock(membership)
    if membership.person_id != by.pk:
        raise ValidationError(_("Only the invited person can answer this invitation."))
    _require_status(membership, MembershipStatus.INVITED, message=_("This invitation is no longer open."))
    return _decide(membership, status=status, by=by)


@transaction.atomic
def membership_invitation_accept(*, membership: Membership, by: User) -> Membership:
    """The invited person accepts and becomes an active member. No e-mail is sent.

    Writes the Membership as active. Raises ValidationError when someone else answers or it is no longer open.
    """
    return _answer_invitation(membership, by, MembershipStatus.ACTIVE)


@transaction.atomic
def membership_invitation_decline(*, membership: Membership, by: User) -> Membership:
    """The invited person says no, thank you. No e-mail is sent.

    Writes the Membership as declined. Raises ValidationError when someone else answers or it is no longer open.
    """
    return _answer_invitation(membership, by, MembershipStatus.DECLINED)


@transaction.atomic
def membership_leave(*, membership: Membership, by: User) -> Membership:
    """A member leaves the community, or a facilitator or coordinator takes them out.

    Writes the Membership as left; no e-mail. Raises ValidationError when it is not active
    or it is the last active facilitator.
    """
    membership = _lock(membership)
    _require_status(
        membership,
        MembershipStatus.ACTIVE,
        message=_("%(name)s is not an active member of %(community)s.")
        % {"name": membership.person.name, "community": membership.community},
    )
    _keep_a_facilitator(membership)
    return _decide(membership, status=MembershipStatus.LEFT, by=by)


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Make an active member a facilitator, or a facilitator a member again; never the last facilitator.

    Writes Membership.role; no e-mail. Raises ValidationError on an unknown role, a membership that is
    not active, or the last facilitator.
    """
    if role not in MembershipRole.values:
        raise ValidationError(_("Choose member or facilitator."))
    membership = _lock(membership)
    _require_status(
        membership,
        MembershipStatus.ACTIVE,
        message=_("Only active members can become facilitators. Approve or invite %(name)s first.")
        % {"name": membership.person.name},
    )
    if membership.role == role:
        return membership
    if role == MembershipRole.MEMBER:
        _keep_a_facilitator(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership
