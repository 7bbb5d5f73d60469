"""Requests from organisations to join the network, and the coordinators' decisions on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail import mail_people

from ..enums import (
    AffiliationRole,
    JoinRequestStatus,
    OrganisationKind,
    Role,
)
from ..models import Affiliation, JoinRequest, Organisation, User
from .organisations import organisation_create


@transaction.atomic
def join_request_create(*, by: User, focus_areas=(), **fields) -> JoinRequest:
    """Ask for an organisation to join the network.

    Writes a pending JoinRequest with its focus areas; after commit, one e-mail to the active coordinators.
    Raises ValidationError when the organisation is in the directory or already has a pending request.
    """
    name = fields["organisation_name"].strip()
    fields["organisation_name"] = name
    if Organisation.objects.annotate(lname=Lower("name")).filter(lname=name.lower()).exists():
        raise ValidationError(
            {
                "organisation_name": _("%(name)s is already in the directory. Ask its leader to invite you.")
                % {"name": name}
            }
        )
    if JoinRequest.objects.filter(organisation_name__iexact=name, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError(
            {"organisation_name": _("A request for this organisation is already waiting for a decision.")}
        )
    request = JoinRequest.objects.create(requested_by=by, **fields)
    request.focus_areas.set(focus_areas)
    mail_people(
        User.objects.filter(role=Role.COORDINATOR, is_active=True),
        template="join_request_received",
        context={"join_request": request, "review_url": settings.SITE_URL + reverse("members:join_request_list")},
    )
    return request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, by: User, note: str = "") -> Organisation:
    """Accept a request: the organisation enters the directory with the requester as its leader,
    and a requester still waiting for approval becomes a member.

    Writes the Organisation (with its first history row), a leader Affiliation, the requester's role and
    the decided JoinRequest; after commit, an e-mail to the requester.
    Raises ValidationError when the request was already decided.
    """
    join_request = JoinRequest.objects.select_for_update().select_related("requested_by").get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    organisation = organisation_create(
        by=by,
        name=join_request.organisation_name,
        acronym=join_request.acronym,
        website=join_request.website,
        mission=join_request.mission,
        kind=OrganisationKind.MEMBER,
        focus_areas=list(join_request.focus_areas.all()),
    )
    requester = join_request.requested_by
    Affiliation.objects.create(
        organisation=organisation, person=requester, position=join_request.position, role=AffiliationRole.LEADER
    )
    if requester.role == Role.PENDING:
        requester.role = Role.MEMBER
        requester.approved_at = timezone.now()
        requester.approved_by = by
        requester.save(update_fields=["role", "approved_at", "approved_by"])
    _decide(join_request, JoinRequestStatus.APPROVED, by, note, organisation)
    return organisation


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, by: User, note: str = "") -> JoinRequest:
    """Turn down a request to join the network.

    Writes the decided JoinRequest; after commit, an e-mail to the requester.
    Raises ValidationError when the request was already decided.
    """
    join_request = JoinRequest.objects.select_for_update().select_related("requested_by").get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    _decide(join_request, JoinRequestStatus.DECLINED, by, note, None)
    return join_request


def _decide(join_request, status, by, note, organisation):
    join_request.status = status
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.decision_note = note
    join_request.organisation = organisation
    join_request.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "organisation"])
    mail_people([join_request.requested_by], template="join_request_decided", context={"join_request": join_request})
