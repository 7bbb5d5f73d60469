"""Writes about communities themselves, their member organisations and their stakeholder links."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.fragments import person_scope, touch
from common.validators import check_past_day
from members.enums import OrganisationStatus
from members.models import FocusArea, Organisation, RightsholderGroup, User

from ..enums import MembershipRole, MembershipStatus, StakeholderRole
from ..models import Community, CommunityOrganisation, Membership, StakeholderLink

EDITABLE_FIELDS = {"name", "short_name", "purpose", "is_active"}
# Words the URLs use after /communities/, which a community's address must not take.
RESERVED_SLUGS = {"new"}


def _name_taken() -> ValidationError:
    return ValidationError({"name": _("A community with this name already exists.")})


def _unique_slug(text: str) -> str:
    base = slugify(text)[:150] or "community"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Community.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def community_name_check(name: str, exclude_pk=None) -> None:
    """Refuse, on the name field, a name another community has in any case. Writes nothing."""
    if Community.objects.exclude(pk=exclude_pk).filter(name__iexact=name).exists():
        raise _name_taken()


def _save_community(community: Community) -> None:
    try:
        with transaction.atomic():
            community.save()
    except IntegrityError as error:
        # Two coordinators saving the same name at once: the database constraint decides.
        raise _name_taken() from error


@transaction.atomic
def community_create(
    *,
    by: User,
    name: str,
    short_name: str = "",
    purpose: str = "",
    themes: Iterable[FocusArea] = (),
    rightsholder_groups: Iterable[RightsholderGroup] = (),
    facilitators: Iterable[User] = (),
) -> Community:
    """Start a community of practice. The people named as facilitators become its first active facilitators.

    Writes the Community (unique slug), its themes and rightsholder groups, and an active facilitator
    Membership per person. No e-mail is sent: the coordinator tells the facilitators in person.
    Raises ValidationError when the name is taken or a facilitator is not an approved member.
    """
    name, short_name = name.strip(), short_name.strip()
    community_name_check(name)
    facilitators = list(facilitators)
    not_members = [person.name for person in facilitators if not person.is_network_member]
    if not_members:
        raise ValidationError(
            {"facilitators": _("Only approved members can facilitate: %(names)s.") % {"names": ", ".join(not_members)}}
        )
    community = Community(name=name, short_name=short_name, purpose=purpose, slug=_unique_slug(short_name or name))
    _save_community(community)
    community.themes.set(themes)
    community.rightsholder_groups.set(rightsholder_groups)
    now = timezone.now()
    Membership.objects.bulk_create(
        Membership(
            community=community,
            person=person,
            role=MembershipRole.FACILITATOR,
            status=MembershipStatus.ACTIVE,
            decided_at=now,
            decided_by=by,
        )
        for person in dict.fromkeys(facilitators)
    )
    touch(*(person_scope(person) for person in facilitators))  # a bulk insert sends no post_save
    return community


@transaction.atomic
def community_update(*, community: Community, by: User, **fields) -> Community:
    """Save the about page of a community: name, short name, purpose, themes, rightsholder groups, active.

    The address (slug) stays, so links already shared keep working. Writes the Community and its
    themes and groups; no e-mail. Raises ValidationError when the name is taken.
    """
    unknown = set(fields) - EDITABLE_FIELDS - {"themes", "rightsholder_groups"}
    if unknown:
        raise TypeError(f"community_update does not change {', '.join(sorted(unknown))}")
    community = Community.objects.select_for_update().get(pk=community.pk)
    themes = fields.pop("themes", None)
    rightsholder_groups = fields.pop("rightsholder_groups", None)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        community_name_check(fields["name"], exclude_pk=community.pk)
    for field, value in fields.items():
        setattr(community, field, value)
    _save_community(community)
    if themes is not None:
        community.themes.set(themes)
    if rightsholder_groups is not None:
        community.rightsholder_groups.set(rightsholder_groups)
    return community


@transaction.atomic
def organisation_add(
    *, community: Community, organisation: Organisation, by: User, joined_on: datetime.date | None = None
) -> CommunityOrganisation:
    """Make an organisation of the network a member organisation of the community. No e-mail is sent.

    Writes one CommunityOrganisation. Raises ValidationError when the organisation is a stakeholder,
    a former member, or already a member organisation of the community, or joined_on is in the future.
    """
    if organisation.is_stakeholder:
        raise ValidationError(
            {
                "organisation": _(
                    "%(name)s is a stakeholder, not a member organisation. Link it as a stakeholder instead."
                )
                % {"name": organisation.name}
            }
        )
    if organisation.status == OrganisationStatus.FORMER:
        raise ValidationError(
            {"organisation": _("%(name)s is a former member of the network.") % {"name": organisation.name}}
        )
    already = _("%(name)s is already a member organisation of %(community)s.") % {
        "name": organisation.name,
        "community": community,
    }
    if CommunityOrganisation.objects.filter(community=community, organisation=organisation).exists():
        raise ValidationError({"organisation": already})
    check_past_day(joined_on, field="joined_on")
    try:
        with transaction.atomic():
            return CommunityOrganisation.objects.create(
                community=community, organisation=organisation, joined_on=joined_on or timezone.localdate()
            )
    except IntegrityError as error:
        raise ValidationError({"organisation": already}) from error


def organisation_remove(*, link: CommunityOrganisation, by: User) -> None:
    """Take an organisation out of the community's member organisations. Its people stay members.

    Deletes the CommunityOrganisation; no e-mail.
    """
    link.delete()


def _check_stakeholder_role(role: str) -> None:
    if role not in StakeholderRole.values:
        raise ValidationError({"role": _("Choose the stakeholder's role.")})


@transaction.atomic
def stakeholder_link_create(
    *,
    community: Community,
    organisation: Organisation,
    role: str,
    by: User,
    note: str = "",
    started_on: datetime.date | None = None,
) -> StakeholderLink:
    """Link a stakeholder organisation from the register to the community. No e-mail is sent.

    Writes one StakeholderLink. Raises ValidationError when the organisation is not a stakeholder,
    the role is unknown, it is already linked, or started_on is in the future.
    """
    if not organisation.is_stakeholder:
        raise ValidationError(
            {
                "organisation": _(
                    "%(name)s is not in the stakeholder register. Only stakeholder organisations can be linked."
                )
                % {"name": organisation.name}
            }
        )
    _check_stakeholder_role(role)
    check_past_day(started_on, field="started_on")
    already = _("%(name)s is already linked to %(community)s.") % {"name": organisation.name, "community": community}
    if StakeholderLink.objects.filter(community=community, organisation=organisation).exists():
        raise ValidationError({"organisation": already})
    try:
        with transaction.atomic():
            return StakeholderLink.objects.create(
                community=community,
                organisation=organisation,
                role=role,
                note=note,
                started_on=started_on or timezone.localdate(),
                created_by=by,
            )
    except IntegrityError as error:
        raise ValidationError({"organisation": already}) from error


@transaction.atomic
def stakeholder_link_update(
    *, link: StakeholderLink, by: User, role: str, note: str, started_on: datetime.date
) -> StakeholderLink:
    """Change a stakeholder link's role, note or start date. No e-mail is sent.

    Writes the StakeholderLink. Raises ValidationError when the role is unknown or started_on is in the future.
    """
    _check_stakeholder_role(role)
    check_past_day(started_on, field="started_on")
    link = StakeholderLink.objects.select_for_update().select_related("organisation", "community").get(pk=link.pk)
    link.role, link.note, link.started_on = role, note, started_on
    link.save(update_fields=["role", "note", "started_on"])
    return link


def stakeholder_link_remove(*, link: StakeholderLink, by: User) -> None:
    """Unlink a stakeholder from the community. The organisation stays in the register.

    Deletes the StakeholderLink; no e-mail.
    """
    link.delete()
