"""Supporting documents: the list with the upload form, the permission-checked download, and removing one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import serve_private
from common.permissions import permission_required

from .. import selectors, services
from ..forms import DocumentForm
from .common import call_service_with_message, proposal_by_pk


@permission_required("proposals.view_documents_proposal", fn=proposal_by_pk)
def documents(request, pk):
    proposal = proposal_by_pk(request, pk)
    can_add = request.user.has_perm("proposals.add_document_proposal", proposal)
    if request.method == "POST" and not can_add:
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, proposal=proposal, by=request.user)
    if request.method == "POST" and form.is_valid():
        document = form.save()
        if document is not None:
            messages.success(request, _("“%(title)s” was added.") % {"title": document.title})
            return redirect("proposals:document_list", pk=pk)
    return render(
        request,
        "proposals/documents.html",
        {
            "proposal": proposal,
            "documents": selectors.documents_of(proposal=proposal),
            "form": form if can_add else None,
            "can_delete": request.user.has_perm("proposals.delete_document_proposal", proposal),
            "tab": "documents",
        },
    )


@permission_required("proposals.view_documents_proposal", fn=proposal_by_pk)
def document_download(request, pk, document_pk):
    """A supporting document, to those who may see the proposal; never from the public media folder."""
    proposal = proposal_by_pk(request, pk)
    document = get_object_or_404(proposal.documents, pk=document_pk)
    return serve_private(request, document.file, filename=document.title)


@require_POST
@permission_required("proposals.delete_document_proposal", fn=proposal_by_pk)
def document_delete(request, pk, document_pk):
    proposal = proposal_by_pk(request, pk)
    document = proposal.documents.filter(pk=document_pk).first()
    if document is None:
        messages.info(request, _("This document was already removed."))
        return redirect("proposals:document_list", pk=pk)
    call_service_with_message(
        request, services.document_delete, _("“%(title)s” was removed.") % {"title": document.title}, document=document
    )
    return redirect("proposals:document_list", pk=pk)
