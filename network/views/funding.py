"""Funding opportunities and the private spaces of the consortia that apply for them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import serve_private
from common.loading import object_loader
from common.pagination import paginate, query_without_page
from common.permissions import permission_required

from .. import selectors
from ..filters import OpportunityFilter
from ..forms import (
    ConsortiumDocumentForm,
    ConsortiumForm,
    ConsortiumMessageForm,
    ConsortiumProposalForm,
    ConsortiumStepForm,
    InterestForm,
    OpportunityForm,
    OutcomeForm,
    PartnerInviteForm,
)
from ..models import Consortium, ConsortiumPartner, FundingOpportunity
from ..services import funding

opportunity_by_pk = object_loader(FundingOpportunity)
consortium_by_pk = object_loader(Consortium.objects.select_related("opportunity", "lead"))
partner_by_pk = object_loader(
    ConsortiumPartner.objects.select_related("organisation", "consortium__opportunity"), url_kwarg="partner_pk"
)


@permission_required("network.view_fundingopportunity")
def opportunity_list(request):
    filterset = OpportunityFilter(request.GET, queryset=selectors.opportunity_list(request.user))
    page = paginate(request, filterset.qs)
    return render(
        request,
        "network/funding/opportunity_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without_page(request.GET),
            "invitations": list(selectors.consortium_invitations_for(request.user)),
        },
    )


@permission_required("network.view_fundingopportunity")
def opportunity_detail(request, pk):
    opportunity = selectors.opportunity_detail(pk=pk)
    if opportunity is None:
        raise Http404
    user = request.user
    context = {
        "opportunity": opportunity,
        "follows": opportunity.follows.filter(person=user).exists(),
        "interest_form": InterestForm(opportunity=opportunity, by=user)
        if user.has_perm("network.express_interest_fundingopportunity", opportunity)
        else None,
        "consortium_form": ConsortiumForm(opportunity=opportunity, by=user)
        if user.has_perm("network.add_consortium", opportunity)
        else None,
    }
    return render(request, "network/funding/opportunity_detail.html", context)


@permission_required("network.add_fundingopportunity")
def opportunity_create(request):
    form = OpportunityForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save()
        if opportunity is not None:
            messages.success(request, _("The opportunity was posted."))
            return redirect(opportunity)
    return render(request, "network/funding/opportunity_form.html", {"form": form})


@permission_required("network.change_fundingopportunity", fn=opportunity_by_pk)
def opportunity_update(request, pk):
    opportunity = opportunity_by_pk(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The opportunity was saved."))
            return redirect(saved)
    return render(request, "network/funding/opportunity_form.html", {"form": form, "opportunity": opportunity})


@require_POST
@permission_required("network.feature_fundingopportunity", fn=opportunity_by_pk, form_page="network:opportunity_detail")
def opportunity_feature(request, pk):
    opportunity = opportunity_by_pk(request, pk)
    featured = request.POST.get("featured") == "1"
    funding.opportunity_set_featured(opportunity=opportunity, featured=featured, by=request.user)
    messages.success(
        request, _("The opportunity is featured.") if featured else _("The opportunity is no longer featured.")
    )
    return redirect(opportunity)


@require_POST
@permission_required("network.follow_fundingopportunity", fn=opportunity_by_pk, form_page="network:opportunity_detail")
def opportunity_follow(request, pk):
    opportunity = opportunity_by_pk(request, pk)
    follows = funding.opportunity_toggle_follow(opportunity=opportunity, person=request.user)
    messages.success(
        request,
        _("You follow this opportunity: we remind you before its deadline.")
        if follows
        else _("You no longer follow this opportunity."),
    )
    return redirect(opportunity)


@require_POST
@permission_required(
    "network.express_interest_fundingopportunity", fn=opportunity_by_pk, form_page="network:opportunity_detail"
)
def opportunity_express_interest(request, pk):
    opportunity = opportunity_by_pk(request, pk)
    form = InterestForm(request.POST, opportunity=opportunity, by=request.user)
    if form.is_valid():
        interested = form.save()
        if interested is not None:
            messages.success(
                request,
                _("Your organisation is listed as interested.")
                if interested
                else _("Your organisation is no longer listed as interested."),
            )
            return redirect(opportunity)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(opportunity)


@require_POST
@permission_required("network.add_consortium", fn=opportunity_by_pk, form_page="network:opportunity_detail")
def consortium_create(request, pk):
    opportunity = opportunity_by_pk(request, pk)
    form = ConsortiumForm(request.POST, opportunity=opportunity, by=request.user)
    if form.is_valid():
        consortium = form.save()
        if consortium is not None:
            messages.success(request, _("The consortium is started. Invite its partners."))
            return redirect(consortium)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(opportunity)


def _space(request, consortium, **forms):
    """The consortium's private space, with the forms the reader may use (bound ones kept as sent)."""
    consortium = selectors.consortium_detail(pk=consortium.pk)
    user = request.user
    contributes = user.has_perm("network.contribute_consortium", consortium)
    manages = user.has_perm("network.manage_consortium", consortium)
    links = user.has_perm("network.link_proposal_consortium", consortium)
    preparing = consortium.outcome == "preparing"
    context = {
        "consortium": consortium,
        "opportunity": consortium.opportunity,
        "contributes": contributes,
        "manages": manages,
        "message_form": forms.get("message_form")
        or (ConsortiumMessageForm(consortium=consortium, author=user) if contributes else None),
        "document_form": forms.get("document_form")
        or (ConsortiumDocumentForm(consortium=consortium, by=user) if contributes else None),
        "step_form": forms.get("step_form")
        or (ConsortiumStepForm(consortium=consortium, by=user) if contributes else None),
        "invite_form": forms.get("invite_form")
        or (PartnerInviteForm(consortium=consortium, by=user) if manages and preparing else None),
        "outcome_form": forms.get("outcome_form")
        or (
            OutcomeForm(
                consortium=consortium,
                by=user,
                initial={
                    "outcome": consortium.outcome,
                    "amount_won": consortium.amount_won,
                    "lessons": consortium.lessons,
                },
            )
            if manages
            else None
        ),
        "grant": selectors.grant_tracking(consortium=consortium, user=user),
        "proposal_form": forms.get("proposal_form")
        or (
            ConsortiumProposalForm(consortium=consortium, by=user, initial={"proposal": consortium.proposal_id})
            if links
            else None
        ),
        "my_invitations": [
            partner
            for partner in consortium.partners.all()
            if user.has_perm("network.answer_consortiumpartner", partner)
        ],
    }
    return render(request, "network/funding/consortium_detail.html", context, status=400 if forms else 200)


def _view_consortium_or_invited(user, consortium) -> bool:
    """Its organisations' people and coordinators see the space; a leader invited in sees it to answer."""
    if user.has_perm("network.view_consortium", consortium):
        return True
    return any(user.has_perm("network.answer_consortiumpartner", partner) for partner in consortium.partners.all())


@permission_required("network.view_fundingopportunity")
def consortium_detail(request, pk):
    consortium = consortium_by_pk(request, pk)
    if not _view_consortium_or_invited(request.user, consortium):
        raise PermissionDenied
    return _space(request, consortium)


def _posted(request, pk, *, form_class, form_name, done, anchor, person_as="by", files=False):
    """Validate one of the space's forms and save it; a refused form is shown again in the space."""
    consortium = consortium_by_pk(request, pk)
    kwargs = {"consortium": consortium, person_as: request.user}
    form = form_class(request.POST, request.FILES if files else None, **kwargs)
    if form.is_valid() and form.save() is not None:
        messages.success(request, done)
        # A fragment of its own, or the browser would keep the form's "#form-errors" through the redirect.
        return redirect(f"{consortium.get_absolute_url()}#{anchor}")
    return _space(request, consortium, **{form_name: form})


@require_POST
@permission_required("network.contribute_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_message_create(request, pk):
    return _posted(
        request, pk, form_class=ConsortiumMessageForm, anchor="discussion", form_name="message_form",
        done=_("Your message is posted."), person_as="author",
    )  # fmt: skip


@require_POST
@permission_required("network.contribute_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_document_create(request, pk):
    return _posted(
        request, pk, form_class=ConsortiumDocumentForm, anchor="documents", form_name="document_form",
        done=_("The document is kept in the consortium's space."), files=True,
    )  # fmt: skip


@require_POST
@permission_required("network.contribute_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_step_create(request, pk):
    return _posted(
        request, pk, form_class=ConsortiumStepForm, anchor="checklist", form_name="step_form",
        done=_("The step is on the checklist."),
    )  # fmt: skip


@require_POST
@permission_required("network.manage_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_invite(request, pk):
    return _posted(
        request, pk, form_class=PartnerInviteForm, anchor="partners", form_name="invite_form",
        done=_("The invitation is sent to the organisation's leaders."),
    )  # fmt: skip


@require_POST
@permission_required("network.manage_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_record_outcome(request, pk):
    return _posted(
        request, pk, form_class=OutcomeForm, anchor="outcome", form_name="outcome_form",
        done=_("The outcome is recorded."),
    )  # fmt: skip


@require_POST
@permission_required("network.link_proposal_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_link_proposal(request, pk):
    return _posted(
        request, pk, form_class=ConsortiumProposalForm, anchor="grant", form_name="proposal_form",
        done=_("The grant's proposal is saved."),
    )  # fmt: skip


@require_POST
@permission_required("network.contribute_consortium", fn=consortium_by_pk, form_page="network:consortium_detail")
def consortium_step_done(request, pk, step_pk):
    consortium = consortium_by_pk(request, pk)
    step = get_object_or_404(consortium.steps, pk=step_pk)
    funding.consortium_step_set_done(step=step, done=request.POST.get("done") == "1", by=request.user)
    return redirect(f"{consortium.get_absolute_url()}#checklist")


@permission_required("network.view_consortium", fn=consortium_by_pk)
def consortium_document_download(request, pk, document_pk):
    """A consortium's document, only to the people of its organisations and to coordinators, at every request."""
    consortium = consortium_by_pk(request, pk)
    document = get_object_or_404(consortium.documents, pk=document_pk)
    return serve_private(request, document.file, filename=document.name)


@require_POST
@permission_required("network.answer_consortiumpartner", fn=partner_by_pk, form_page="network:consortium_detail")
def consortium_partner_answer(request, pk, partner_pk):
    partner = partner_by_pk(request, pk, partner_pk=partner_pk)
    if partner.consortium_id != pk:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    try:
        funding.consortium_partner_answer(partner=partner, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("network:opportunity_list")
    if accept:
        messages.success(
            request, _("%(organisation)s is now in the consortium.") % {"organisation": partner.organisation}
        )
        return redirect(partner.consortium)
    messages.success(request, _("The invitation is declined."))
    return redirect("network:opportunity_list")
