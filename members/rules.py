"""Permission predicates for people, organisations and the stakeholder register.

Other apps build on these: communities add their facilitators, proposals their reviewers.
Every permission is denied unless a rule grants it.
"""

import rules
from rules import always_deny

from common.cache import per_user
from common.rules import add_model_perms

from .enums import AffiliationRole, OrganisationKind, Role


@rules.predicate
def is_signed_in(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_coordinator(user):
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


@rules.predicate
def is_member(user):
    """An approved person: a member or a coordinator."""
    return bool(user.is_authenticated and user.is_active and user.role in (Role.MEMBER, Role.COORDINATOR))


@rules.predicate
def is_self(user, other):
    return other is not None and user.pk == other.pk


@rules.predicate
def is_invitee(user, invitation):
    """The person an invitation to an organisation was sent to."""
    return invitation is not None and user.is_authenticated and invitation.person_id == user.pk


def organisation_ids_of(user) -> set[int]:
    """The organisations the person works at, as staff or leader (asked once per request)."""
    return per_user(user, "organisation_ids", lambda: set(user.affiliations.values_list("organisation_id", flat=True)))


def led_organisation_ids_of(user) -> set[int]:
    """The organisations the person leads. Asked once per request, so a page that checks many stays flat."""
    return per_user(
        user,
        "led_organisation_ids",
        lambda: set(user.affiliations.filter(role=AffiliationRole.LEADER).values_list("organisation_id", flat=True)),
    )


@rules.predicate
def leads_organisation(user, organisation):
    if organisation is None or not is_member(user):
        return False
    return organisation.pk in led_organisation_ids_of(user)


@rules.predicate
def works_for_facilitating_organisation(user):
    if not is_member(user):
        return False
    return per_user(
        user,
        "works_for_facilitator",
        lambda: user.affiliations.filter(organisation__kind=OrganisationKind.FACILITATOR).exists(),
    )


@rules.predicate
def facilitates_a_community(user):
    """An active facilitator of some community of practice.

    Follows the reverse relation by its name, so this app needs no import from communities
    and still works when that app is not installed.
    """
    if not is_member(user) or not hasattr(user, "community_memberships"):
        return False
    return per_user(
        user,
        "facilitates_a_community",
        lambda: user.community_memberships.facilitating().exists(),
    )


# A facilitator, in the network's sense: staff of a facilitating organisation such as
# Live & Learn Cambodia, or the facilitator of a community of practice.
is_facilitator = works_for_facilitating_organisation | facilitates_a_community
can_use_stakeholder_register = is_coordinator | is_facilitator


rules.add_perm("members.view_organisation", is_member)
rules.add_perm("members.add_organisation", is_coordinator)
# Facilitators keep the stakeholder register, so they may add a stakeholder to it (and only a stakeholder).
rules.add_perm("members.add_stakeholder", can_use_stakeholder_register)
rules.add_perm("members.change_organisation", is_coordinator | leads_organisation)
rules.add_perm("members.delete_organisation", always_deny)
rules.add_perm("members.retire_organisation", is_coordinator)
rules.add_perm("members.view_contacts_organisation", is_member)
rules.add_perm("members.view_history_organisation", is_coordinator)
rules.add_perm("members.invite_staff_organisation", is_coordinator | leads_organisation)
rules.add_perm("members.manage_people_organisation", is_coordinator | leads_organisation)
rules.add_perm("members.export_organisation", is_coordinator)
rules.add_perm("members.add_joinrequest", is_signed_in)
rules.add_perm("members.view_joinrequest", is_coordinator)
rules.add_perm("members.change_joinrequest", is_coordinator)
rules.add_perm("members.delete_joinrequest", always_deny)
rules.add_perm("members.add_invitation", is_coordinator)
rules.add_perm("members.view_invitation", is_coordinator)
rules.add_perm("members.change_invitation", is_coordinator)
rules.add_perm("members.delete_invitation", is_coordinator)
rules.add_perm("members.view_contactperson", can_use_stakeholder_register)
rules.add_perm("members.add_contactperson", can_use_stakeholder_register)
rules.add_perm("members.change_contactperson", can_use_stakeholder_register)
rules.add_perm("members.delete_contactperson", can_use_stakeholder_register)
rules.add_perm("members.view_interaction", can_use_stakeholder_register)
rules.add_perm("members.add_interaction", can_use_stakeholder_register)
rules.add_perm("members.change_interaction", can_use_stakeholder_register)
rules.add_perm("members.delete_interaction", is_coordinator)
rules.add_perm("members.view_dashboard", is_member)
rules.add_perm("members.approve_user", is_coordinator)
rules.add_perm("members.invite_user", is_coordinator)
rules.add_perm("members.view_user", is_member)
rules.add_perm("members.change_user", is_coordinator | is_self)
rules.add_perm("members.view_user_contacts", is_member)
rules.add_perm("members.add_user", is_coordinator)
rules.add_perm("members.delete_user", always_deny)
rules.add_perm("members.view_stakeholder_register", can_use_stakeholder_register)


# A social enterprise's listings: members read them, only the organisation's own leaders write them.
@rules.predicate
def leads_offer_organisation(user, offer):
    return offer is not None and leads_organisation(user, offer.organisation)


@rules.predicate
def is_public_photo(user, photo):
    return photo is not None and photo.is_public


rules.add_perm("members.view_offer", is_member)
rules.add_perm("members.add_offer_organisation", leads_organisation)
rules.add_perm("members.change_offer", leads_offer_organisation)
rules.add_perm("members.delete_offer", leads_offer_organisation)
# A public photo may be shown to anyone, a members-only one to members; the file is private storage either way.
rules.add_perm("members.view_offerphoto", is_public_photo | is_member)

# Listing someone at an organisation takes their consent: leaders invite (manage_people_organisation),
# the invited person answers; only coordinators list a person directly (add_affiliation, below).
rules.add_perm("members.view_own_affiliationinvitations", is_member)
rules.add_perm("members.answer_affiliationinvitation", is_member & is_invitee)

# Reference lists and the records behind the admin's inlines: coordinators keep them.
add_model_perms(
    "members",
    [
        "focusarea",
        "rightsholdergroup",
        "expertisetag",
        "region",
        "affiliation",
        "affiliationinvitation",
        "organisationchange",
        "signupnote",
    ],
    is_coordinator,
)
