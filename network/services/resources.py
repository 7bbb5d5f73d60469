"""The resource centre: documents, links and case studies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields
from communities.models import Membership

from ..enums import ChallengeStatus, ResourceKind
from ..models import Challenge, Resource
from ..visibility import challenge_visible_to

LINKS = ("challenge", "community", "meeting")


def _in_community(person, community_id) -> bool:
    return Membership.objects.active().filter(person=person, community_id=community_id).exists()


def _check_links(*, resource: Resource, before: dict, by) -> None:
    """A resource may point only at what its author may see: a challenge they may open that no moderator
    hid, a community they belong to, a meeting of their audience. A link the resource already had stays.

    Raises ValidationError on the field. No side effects.
    """
    errors = {}
    new = {name for name in LINKS if getattr(resource, f"{name}_id") not in (None, before.get(name))}
    if "challenge" in new and (resource.challenge.is_hidden or not challenge_visible_to(resource.challenge, by)):
        errors["challenge"] = _("Choose a challenge you may open.")
    if not by.is_coordinator:
        if "community" in new and not _in_community(by, resource.community_id):
            errors["community"] = _("Choose one of your communities.")
        meeting = resource.meeting if "meeting" in new else None
        if meeting is not None and meeting.community_id is not None and not _in_community(by, meeting.community_id):
            errors["meeting"] = _("Choose a meeting of the network or of your communities.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resource_save(*, by, resource: Resource | None = None, themes=(), **fields) -> Resource:
    """Add or change a resource. A document needs a file, a link needs an address.

    Writes the Resource (storing its file) and its themes; no notification. Raises ValidationError when
    the title is empty, the file, address or case study summary its kind needs is missing, or it would
    point at a challenge, community or meeting `by` may not see.
    """
    resource = resource or Resource(created_by=by)
    before = {name: getattr(resource, f"{name}_id") for name in LINKS} if resource.pk else {}
    for field, value in fields.items():
        setattr(resource, field, value)
    _check_links(resource=resource, before=before, by=by)
    if not resource.title.strip():
        raise ValidationError({"title": _("This cannot be empty.")})
    if resource.kind == ResourceKind.DOCUMENT and not resource.file:
        raise ValidationError({"file": _("Attach the document.")})
    if resource.kind == ResourceKind.LINK and not resource.url:
        raise ValidationError({"url": _("Enter the link's address.")})
    if resource.kind == ResourceKind.CASE_STUDY and not resource.summary.strip():
        raise ValidationError({"summary": _("A case study needs its summary.")})
    check_markdown_fields(summary=resource.summary)
    resource.save()
    resource.themes.set(themes)
    return resource


@transaction.atomic
def case_study_from_challenge(*, challenge: Challenge, by, summary: str, title: str = "") -> Resource:
    """Keep an answered challenge as a case study: its themes, a summary and a link back.

    Writes a case study Resource through resource_save. Raises ValidationError when the challenge is not answered.
    """
    if challenge.status != ChallengeStatus.ANSWERED:
        raise ValidationError(_("Only an answered challenge can become a case study."))
    return resource_save(
        by=by,
        kind=ResourceKind.CASE_STUDY,
        title=title or challenge.title,
        summary=summary,
        challenge=challenge,
        community=challenge.community,
        themes=list(challenge.themes.all()),
    )


def resource_count_download(*, resource: Resource) -> None:
    """Count one download of a resource. Writes Resource.download_count (in the database, no race)."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
