"""Joint statements: drafting in versions, sign-on, closing, publishing, and the public page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required
from communities.models import Community
from members.models import Organisation
from proposals.domain.versions import difference

from .. import selectors, services
from ..forms import SignatureForm, StatementForm
from ..models import Signature, Statement
from ..rules import signing_organisation_ids

statement_by_pk = object_loader(Statement.objects.select_related("community", "created_by"))
_signature = object_loader(Signature.objects.select_related("statement", "organisation"), url_kwarg="signature_pk")
STATEMENT_PAGE = "network:statement_detail"


def signature_by_pk(request, pk, signature_pk):
    signature = _signature(request, signature_pk=signature_pk)
    if signature.statement_id != int(pk):
        raise Http404
    return signature


def statement_list(request):
    """Members see every statement open, closed or published and the drafts of their communities;
    anyone else sees the published ones."""
    page = paginate(request, selectors.statement_list(request.user))
    return render(request, "network/statement_list.html", {"page": page})


@permission_required("network.start_statement")
def statement_create(request):
    initial = {}
    community = request.GET.get("community", "")
    if community.isascii() and community.isdigit():
        initial["community"] = Community.objects.filter(pk=community).first()
    form = StatementForm(request.POST or None, by=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        statement = form.save()
        if statement is not None:
            messages.success(request, _("The draft was saved as version 1."))
            return redirect(statement)
    return render(request, "network/statement_form.html", {"form": form})


def _sign_form(request, statement):
    """The sign-on form for the organisations the person leads that have not signed yet, or None."""
    if not request.user.has_perm("network.sign_statement", statement):
        return None
    signed = statement.signatures.active().values("organisation_id")
    organisations = Organisation.objects.filter(pk__in=signing_organisation_ids(request.user)).exclude(pk__in=signed)
    form = SignatureForm(statement=statement, by=request.user, organisations=organisations)
    return form if form.fields["organisation"].queryset.exists() else None


@permission_required("network.view_statement", fn=statement_by_pk)
def statement_detail(request, pk):
    statement = statement_by_pk(request, pk)
    page = paginate(request, selectors.statement_signatures(statement))
    user = request.user
    return render(
        request,
        "network/statement_detail.html",
        {
            "statement": statement,
            "page": page,
            "sign_form": _sign_form(request, statement),
            "led_ids": signing_organisation_ids(user),
            "can_edit": user.has_perm("network.change_statement", statement),
            "can_manage": user.has_perm("network.manage_statement", statement),
            "version_count": statement.versions.count(),
        },
    )


@permission_required("network.change_statement", fn=statement_by_pk)
def statement_update(request, pk):
    statement = statement_by_pk(request, pk)
    form = StatementForm(request.POST or None, by=request.user, statement=statement)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The draft was saved."))
            return redirect(saved)
    return render(request, "network/statement_form.html", {"form": form, "statement": statement})


def _version_number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@permission_required("network.view_statement", fn=statement_by_pk)
def statement_version_compare(request, pk):
    """What changed between two versions, word by word (the versions' numbers in ?from= and ?to=)."""
    statement = statement_by_pk(request, pk)
    versions = {version.number: version for version in statement.versions.select_related("saved_by")}
    numbers = sorted(versions)
    last = numbers[-1]
    new = versions.get(_version_number(request.GET.get("to"), last)) or versions[last]
    old = versions.get(_version_number(request.GET.get("from"), max(new.number - 1, 1))) or versions[numbers[0]]
    changes = [
        (label, difference(before, after))
        for label, before, after in ((_("Title"), old.title, new.title), (_("Text"), old.text, new.text))
        if before != after
    ]
    return render(
        request,
        "network/statement_compare.html",
        {"statement": statement, "numbers": numbers, "old": old, "new": new, "changes": changes},
    )


def _move(request, pk, service, done: str):
    statement = statement_by_pk(request, pk)
    try:
        service(statement=statement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(statement)


@require_POST
@permission_required("network.manage_statement", fn=statement_by_pk, form_page=STATEMENT_PAGE)
def statement_open(request, pk):
    return _move(request, pk, services.statement_open, _("The statement is open for signatures."))


@require_POST
@permission_required("network.manage_statement", fn=statement_by_pk, form_page=STATEMENT_PAGE)
def statement_close(request, pk):
    return _move(request, pk, services.statement_close, _("Signatures are closed."))


@require_POST
@permission_required("network.manage_statement", fn=statement_by_pk, form_page=STATEMENT_PAGE)
def statement_publish(request, pk):
    return _move(
        request, pk, services.statement_publish, _("The statement is published. Those who signed get its link.")
    )


@require_POST
@permission_required("network.sign_statement", fn=statement_by_pk, form_page=STATEMENT_PAGE)
def signature_create(request, pk):
    statement = statement_by_pk(request, pk)
    organisations = Organisation.objects.filter(pk__in=signing_organisation_ids(request.user))
    form = SignatureForm(request.POST, statement=statement, by=request.user, organisations=organisations)
    if form.is_valid():
        signature = form.save()
        if signature is not None:
            messages.success(
                request, _("%(organisation)s signs this statement.") % {"organisation": signature.organisation.name}
            )
            return redirect(statement)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(statement)


@require_POST
@permission_required("network.withdraw_signature", fn=signature_by_pk, form_page=STATEMENT_PAGE)
def signature_withdraw(request, pk, signature_pk):
    signature = signature_by_pk(request, pk, signature_pk)
    try:
        services.signature_withdraw(signature=signature, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s no longer signs this statement.") % {"organisation": signature.organisation.name},
        )
    return redirect(signature.statement)


def statement_detail_public(request, pk):
    """The published statement for anyone, no sign-in needed, with every organisation that signed it (the
    whole list: it is the document people print). A statement not published is not found."""
    statement = get_object_or_404(Statement.objects.select_related("community"), pk=pk)
    if not request.user.has_perm("network.view_statement_public", statement):
        raise Http404
    signatures = list(selectors.statement_signatures(statement))
    return render(request, "network/statement_public.html", {"statement": statement, "signatures": signatures})
