"""Every write about organisations, the people in them and requests to join the network."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.mail import mail_people
from common.validators import check_past_day

from ..enums import (
    AffiliationInvitationStatus,
    AffiliationRole,
    OrganisationKind,
    OrganisationStatus,
)
from ..models import Affiliation, AffiliationInvitation, Organisation, OrganisationChange, User

# The fields whose changes the history keeps, in the order a reader expects them.
PROFILE_FIELDS = [
    "name",
    "acronym",
    "kind",
    "stakeholder_type",
    "mission",
    "focus_areas",
    "rightsholder_groups",
    "regions",
    "website",
    "facebook_url",
    "linkedin_url",
    "other_url",
    "logo",
    "year_founded",
    "staff_size",
    "email",
    "phone",
    "joined_on",
    "status",
    "left_on",
    "relationship_notes",
]
MANY_TO_MANY = {"focus_areas", "rightsholder_groups", "regions"}


def _unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, number = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def organisation_name_check(name: str, exclude_pk=None) -> None:
    """Refuse, on the name field, a name already in the directory in any case. Writes nothing."""
    if Organisation.objects.exclude(pk=exclude_pk).annotate(lname=Lower("name")).filter(lname=name.lower()).exists():
        raise ValidationError({"name": _("An organisation with this name is already in the directory.")})


def organisation_kind_check(kind: str, stakeholder_type: str) -> None:
    """Refuse, on the stakeholder type field, a type missing for a stakeholder or given to another kind."""
    if kind == OrganisationKind.STAKEHOLDER and not stakeholder_type:
        raise ValidationError({"stakeholder_type": _("Choose the type of stakeholder.")})
    if kind != OrganisationKind.STAKEHOLDER and stakeholder_type:
        raise ValidationError({"stakeholder_type": _("Only stakeholders have a stakeholder type.")})


def _display(organisation: Organisation, field: str) -> str:
    if field in MANY_TO_MANY:
        return ", ".join(sorted(str(item) for item in getattr(organisation, field).all()))
    model_field = organisation._meta.get_field(field)
    value = getattr(organisation, field)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value or ""))
    if field == "logo":
        return value.name if value else ""
    return "" if value is None else str(value)


def _snapshot(organisation: Organisation) -> dict[str, str]:
    return {field: _display(organisation, field) for field in PROFILE_FIELDS}


def _record_changes(*, organisation, before, by, summary="") -> OrganisationChange | None:
    after = _snapshot(organisation)
    changes = {
        str(organisation._meta.get_field(field).verbose_name): {"old": before.get(field, ""), "new": after[field]}
        for field in PROFILE_FIELDS
        if before.get(field, "") != after[field]
    }
    if not changes:
        return None
    return OrganisationChange.objects.create(organisation=organisation, changed_by=by, changes=changes, summary=summary)


def _save(organisation: Organisation, m2m: dict) -> None:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        # Two people saving the same new name at once: the database constraint decides.
        raise ValidationError({"name": _("An organisation with this name is already in the directory.")}) from error
    for field, values in m2m.items():
        getattr(organisation, field).set(values)


def _check_days(fields: dict) -> None:
    for field in ("joined_on", "left_on"):
        check_past_day(fields.get(field), field=field)


@transaction.atomic
def organisation_create(*, by: User, **fields) -> Organisation:
    """Add an organisation to the directory. The history starts with its first values.

    Writes the Organisation (a unique slug; joined today unless given) and its first OrganisationChange.
    Raises ValidationError when the name is taken or the stakeholder type does not fit the kind.
    """
    m2m = {field: fields.pop(field) for field in list(fields) if field in MANY_TO_MANY}
    _check_days(fields)
    organisation_name_check(fields["name"])
    organisation_kind_check(fields.get("kind", OrganisationKind.MEMBER), fields.get("stakeholder_type", ""))
    organisation = Organisation(**fields)
    organisation.slug = _unique_slug(organisation.name)
    if organisation.joined_on is None and organisation.kind != OrganisationKind.STAKEHOLDER:
        organisation.joined_on = timezone.localdate()
    _save(organisation, m2m)
    _record_changes(organisation=organisation, before={}, by=by, summary=_("Added to the directory"))
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    """Save an edit of the profile and keep who changed what in the history.

    Writes the Organisation and, when a profile field changed, an OrganisationChange row. No e-mail.
    Raises ValidationError when the name is taken or the stakeholder type does not fit the kind.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _snapshot(organisation)
    m2m = {field: fields.pop(field) for field in list(fields) if field in MANY_TO_MANY}
    _check_days(fields)
    if "name" in fields:
        organisation_name_check(fields["name"], exclude_pk=organisation.pk)
    organisation_kind_check(
        fields.get("kind", organisation.kind), fields.get("stakeholder_type", organisation.stakeholder_type)
    )
    for field, value in fields.items():
        setattr(organisation, field, value)
    _save(organisation, m2m)
    _record_changes(organisation=organisation, before=before, by=by)
    return organisation


def organisation_retire(*, organisation: Organisation, by: User, left_on=None) -> Organisation:
    """Mark an organisation as a former member. Its history and people stay.

    Writes status and leaving date through organisation_update, so the change is in the history.
    Raises ValidationError when it already is a former member.
    """
    if organisation.status == OrganisationStatus.FORMER:
        raise ValidationError(_("%(name)s is already a former member.") % {"name": organisation.name})
    return organisation_update(
        organisation=organisation, by=by, status=OrganisationStatus.FORMER, left_on=left_on or timezone.localdate()
    )


def organisation_reactivate(*, organisation: Organisation, by: User) -> Organisation:
    """Make a former member organisation active again.

    Writes status and clears the leaving date through organisation_update, so the change is in the history.
    Raises ValidationError when it already is active.
    """
    if organisation.status == OrganisationStatus.ACTIVE:
        raise ValidationError(_("%(name)s is already active.") % {"name": organisation.name})
    return organisation_update(organisation=organisation, by=by, status=OrganisationStatus.ACTIVE, left_on=None)


def _check_not_listed(organisation: Organisation, person: User) -> None:
    if Affiliation.objects.filter(organisation=organisation, person=person).exists():
        raise ValidationError(
            {
                "person": _("%(person)s is already listed at %(organisation)s.")
                % {"person": person.name, "organisation": organisation}
            }
        )


@transaction.atomic
def affiliation_add(
    *, organisation: Organisation, person: User, position: str = "", role=AffiliationRole.STAFF, by: User
):
    """A coordinator lists a person on an organisation's staff directly, as staff or leader.
    Writes one Affiliation; no e-mail. Leaders invite instead (affiliation_invite): the person consents.

    Raises ValidationError when `by` is not a coordinator or the person is already listed there.
    """
    if not by.is_coordinator:
        raise ValidationError(_("Only coordinators list people directly; leaders invite them."))
    _check_not_listed(organisation, person)
    return Affiliation.objects.create(organisation=organisation, person=person, position=position, role=role)


def _may_invite_to(organisation: Organisation, person: User) -> bool:
    """A coordinator, or a leader of the organisation now. No side effects."""
    if person is None or not person.is_network_member:
        return False
    return (
        person.is_coordinator
        or Affiliation.objects.filter(organisation=organisation, person=person, role=AffiliationRole.LEADER).exists()
    )


@transaction.atomic
def affiliation_invite(
    *, organisation: Organisation, person: User, position: str = "", role=AffiliationRole.STAFF, by: User
) -> AffiliationInvitation:
    """Ask a person with an account to join an organisation's staff, as staff or leader. Nobody is listed
    until they accept (affiliation_invitation_accept).

    Writes a pending AffiliationInvitation; after commit, an e-mail to the person in their language.
    Raises ValidationError when `by` may not invite to the organisation, the person is not an approved
    member, is already listed there or already invited.
    """
    if not _may_invite_to(organisation, by):
        raise ValidationError(_("Only the organisation's leaders and the coordinators may invite people to it."))
    if not person.is_network_member:
        raise ValidationError(
            {"person": _("%(person)s is not an approved member of the network.") % {"person": person.name}}
        )
    _check_not_listed(organisation, person)
    names = {"person": person.name, "organisation": organisation}
    if AffiliationInvitation.objects.filter(
        organisation=organisation, person=person, status=AffiliationInvitationStatus.PENDING
    ).exists():
        raise ValidationError({"person": _("%(person)s is already invited to %(organisation)s.") % names})
    try:
        with transaction.atomic():
            invitation = AffiliationInvitation.objects.create(
                organisation=organisation, person=person, position=position, role=role, invited_by=by
            )
    except IntegrityError as error:
        # The same invitation sent twice at once: the constraint keeps one.
        raise ValidationError({"person": _("%(person)s is already invited to %(organisation)s.") % names}) from error
    context = {
        "invitation": invitation,
        "organisation_name": organisation.name,
        "inviter_name": by.name,
        "role": invitation.get_role_display(),
        "answer_url": settings.SITE_URL + reverse("members:affiliation_invitation_list"),
    }
    mail_people([person], template="affiliation_invitation", context=context)
    return invitation


def _answer(invitation: AffiliationInvitation, by: User, status: str) -> AffiliationInvitation:
    invitation = (
        AffiliationInvitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "invited_by", "person")
        .get(pk=invitation.pk)
    )
    if invitation.person_id != by.pk:
        raise ValidationError(_("Only the invited person can answer this invitation."))
    if invitation.status != AffiliationInvitationStatus.PENDING:
        raise ValidationError(_("This invitation was already answered."))
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


@transaction.atomic
def affiliation_invitation_accept(*, invitation: AffiliationInvitation, by: User) -> Affiliation:
    """The invited person accepts: they are listed at the organisation with the position and role offered.

    Writes the invitation as accepted and one Affiliation; no e-mail. Raises ValidationError when someone
    else answers, it was already answered, the person is already listed there, or whoever invited them
    no longer leads the organisation (rights follow the current state).
    """
    invitation = _answer(invitation, by, AffiliationInvitationStatus.ACCEPTED)
    organisation = invitation.organisation
    if not _may_invite_to(organisation, invitation.invited_by):
        raise ValidationError(
            _("This invitation no longer stands: whoever sent it no longer leads %(organisation)s.")
            % {"organisation": organisation}
        )
    _check_not_listed(organisation, by)
    return Affiliation.objects.create(
        organisation=organisation, person=by, position=invitation.position, role=invitation.role
    )


@transaction.atomic
def affiliation_invitation_decline(*, invitation: AffiliationInvitation, by: User) -> AffiliationInvitation:
    """The invited person says no, thank you. Writes the invitation as declined; no e-mail, no Affiliation.

    Raises ValidationError when someone else answers or it was already answered.
    """
    return _answer(invitation, by, AffiliationInvitationStatus.DECLINED)


@transaction.atomic
def affiliation_update(*, affiliation: Affiliation, position: str, role: str, by: User) -> Affiliation:
    """Change a person's position or role at an organisation. Writes the Affiliation; no e-mail.

    Raises ValidationError when it would leave the organisation without a leader.
    """
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if affiliation.role == AffiliationRole.LEADER and role != AffiliationRole.LEADER:
        _keep_a_leader(affiliation)
    affiliation.position = position
    affiliation.role = role
    affiliation.save(update_fields=["position", "role"])
    return affiliation


@transaction.atomic
def affiliation_remove(*, affiliation: Affiliation, by: User) -> None:
    """Take a person off an organisation's staff. Deletes the Affiliation; no e-mail.

    Raises ValidationError when it would remove the last leader (a coordinator may).
    """
    if affiliation.role == AffiliationRole.LEADER and not by.is_coordinator:
        _keep_a_leader(affiliation)
    affiliation.delete()


def _keep_a_leader(affiliation: Affiliation) -> None:
    others = Affiliation.objects.filter(organisation_id=affiliation.organisation_id, role=AffiliationRole.LEADER)
    if not others.exclude(pk=affiliation.pk).exists():
        raise ValidationError(_("An organisation needs at least one leader. Name another leader first."))
