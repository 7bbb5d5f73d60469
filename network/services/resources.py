"""The resource centre: documents, links and case studies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields

from ..enums import ChallengeStatus, ResourceKind
from ..models import Challenge, Resource


@transaction.atomic
def resource_save(*, by, resource: Resource | None = None, themes=(), **fields) -> Resource:
    """Add or change a resource. A document needs a file, a link needs an address.

    Writes the Resource (storing its file) and its themes; no notification. Raises ValidationError when
    the title is empty or the file, address or case study summary its kind needs is missing.
    """
    resource = resource or Resource(created_by=by)
    for field, value in fields.items():
        setattr(resource, field, value)
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
