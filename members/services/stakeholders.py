"""Writes for the stakeholder register: contact people, relationship notes and the interaction log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.validators import check_past_day

from ..enums import OrganisationKind
from ..models import ContactPerson, Interaction, Organisation, User
from .organisations import organisation_create, organisation_update


def _require_stakeholder(organisation: Organisation) -> None:
    if not organisation.is_stakeholder:
        raise ValidationError(_("%(name)s is not a stakeholder organisation.") % {"name": organisation.name})


@transaction.atomic
def stakeholder_create(*, by: User, stakeholder_type: str, **fields) -> Organisation:
    """Add a stakeholder organisation to the register (what facilitators may do; other kinds are the
    coordinators' to add). Writes the Organisation of kind stakeholder and its first history row.

    Raises ValidationError when the name is taken or the stakeholder type is missing.
    """
    fields.pop("kind", None)
    return organisation_create(by=by, kind=OrganisationKind.STAKEHOLDER, stakeholder_type=stakeholder_type, **fields)


@transaction.atomic
def contact_person_save(*, organisation: Organisation, by: User, contact: ContactPerson | None = None, **fields):
    """Add a contact person to a stakeholder organisation, or change one. Writes the ContactPerson.

    Raises ValidationError when the organisation is not a stakeholder or a field is invalid.
    """
    _require_stakeholder(organisation)
    contact = contact or ContactPerson(organisation=organisation)
    for field, value in fields.items():
        setattr(contact, field, value)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def interaction_record(*, organisation: Organisation, by: User, **fields) -> Interaction:
    """Log a meeting, call or other contact with a stakeholder. Writes one Interaction.

    Raises ValidationError when the organisation is not a stakeholder, the contact is from another
    organisation, the day is in the future, or a field is invalid.
    """
    _require_stakeholder(organisation)
    check_past_day(fields.get("happened_on"), field="happened_on")
    contact = fields.get("contact")
    if contact is not None and contact.organisation_id != organisation.pk:
        raise ValidationError({"contact": _("Choose someone from %(name)s.") % {"name": organisation.name}})
    interaction = Interaction(organisation=organisation, recorded_by=by, **fields)
    interaction.full_clean()
    interaction.save()
    return interaction


def relationship_notes_update(*, organisation: Organisation, notes: str, by: User) -> Organisation:
    """Save the notes on the relationship with a stakeholder.

    Writes them through organisation_update, so the change is in the history.
    Raises ValidationError when the organisation is not a stakeholder.
    """
    _require_stakeholder(organisation)
    return organisation_update(organisation=organisation, by=by, relationship_notes=notes)
