"""Supporting documents: letters of support, MoUs, quotes, kept as private files with the proposal."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import User

from ..enums import EDITABLE, SPENDING, DocumentKind
from ..models import BudgetLine, KeyActivity, Proposal, SupportingDocument
from ..validators import validate_document
from .drafting import lock_proposal
from .workflow import require_status

# Documents are added while the text may change, and after approval, when quotes and agreements come in.
TAKES_DOCUMENTS = EDITABLE | SPENDING


@transaction.atomic
def document_add(
    *,
    proposal: Proposal,
    by: User,
    kind: str,
    title: str,
    file,
    budget_line: BudgetLine | None = None,
    activity: KeyActivity | None = None,
) -> SupportingDocument:
    """Keep a supporting document with the proposal, optionally for one budget line or one activity.

    Writes one SupportingDocument and stores its file privately; no e-mail. Raises ValidationError when the
    proposal takes no documents now, a value is wrong, the line or activity is another proposal's, or the
    file is refused; nothing is stored then.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed=TAKES_DOCUMENTS, action=_("given documents"))
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose a kind of document from the list.")
    if not (title or "").strip():
        errors["title"] = _("Give the document a title, for example “Letter of support from the provincial office”.")
    if not file:
        errors["file"] = _("Choose the file to upload.")
    if budget_line is not None and budget_line.proposal_id != proposal.pk:
        errors["budget_line"] = _("Choose one of this proposal's budget lines.")
    if activity is not None and activity.proposal_id != proposal.pk:
        errors["activity"] = _("Choose one of this proposal's activities.")
    if errors:
        raise ValidationError(errors)
    try:
        validate_document(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    document = SupportingDocument(
        proposal=proposal,
        kind=kind,
        title=title.strip(),
        budget_line=budget_line,
        activity=activity,
        uploaded_by=by,
    )
    document.full_clean(exclude=["proposal", "file", "budget_line", "activity", "uploaded_by"])
    document.file = file
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: SupportingDocument, by: User) -> None:
    """Remove a supporting document and its file while the proposal may be edited.

    Deletes the SupportingDocument; its file is removed after commit. Raises ValidationError when the proposal
    can no longer be edited or the document was already removed.
    """
    proposal = lock_proposal(document.proposal)
    require_status(proposal, allowed=EDITABLE, action=_("changed"))
    current = SupportingDocument.objects.filter(pk=document.pk, proposal=proposal).first()
    if current is None:
        raise ValidationError(_("This document was already removed."))
    storage, name = current.file.storage, current.file.name
    current.delete()
    transaction.on_commit(lambda: storage.delete(name))
