from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.csv import csv_response
from common.loading import object_loader
from common.pagination import CARD_GRID_PAGE_SIZE, paginate, query_without_page
from common.permissions import permission_required

from .. import selectors, services
from ..enums import JoinRequestStatus
from ..filters import OrganisationFilter
from ..forms import (
    AffiliationForm,
    AffiliationUpdateForm,
    DecisionForm,
    JoinRequestForm,
    OrganisationForm,
    StaffInvitationForm,
)
from ..models import Affiliation, AffiliationInvitation, JoinRequest, Organisation

by_slug = object_loader(Organisation, lookup="slug")
invitation_by_pk = object_loader(AffiliationInvitation.objects.select_related("organisation"))


def _filtered_directory(request):
    return OrganisationFilter(request.GET or None, queryset=selectors.organisation_directory())


@permission_required("members.view_organisation")
def organisation_list(request):
    filterset = _filtered_directory(request)
    page = paginate(request, filterset.qs, per_page=CARD_GRID_PAGE_SIZE)
    return render(
        request,
        "members/organisation_list.html",
        {"filter": filterset, "page": page, "query": query_without_page(request.GET)},
    )


@permission_required("members.export_organisation")
def organisation_export(request):
    """The directory as CSV, with the filters of the page it was asked from."""
    header = [
        _("Name"), _("Acronym"), _("Kind"), _("Stakeholder type"), _("Status"), _("Focus areas"),
        _("Rightsholder groups"), _("Regions"), _("Website"), _("E-mail"), _("Phone"), _("Year founded"),
        _("Staff"), _("Joined"), _("People on the site"),
    ]  # fmt: skip
    rows = (
        [
            organisation.name,
            organisation.acronym,
            organisation.get_kind_display(),
            organisation.get_stakeholder_type_display(),
            organisation.get_status_display(),
            "; ".join(str(item) for item in organisation.focus_areas.all()),
            "; ".join(str(item) for item in organisation.rightsholder_groups.all()),
            "; ".join(str(item) for item in organisation.regions.all()),
            organisation.website,
            organisation.email,
            organisation.phone,
            organisation.year_founded or "",
            organisation.staff_size if organisation.staff_size is not None else "",
            organisation.joined_on.isoformat() if organisation.joined_on else "",
            organisation.people_count,
        ]
        for organisation in _filtered_directory(request).qs.order_by("name")
    )
    return csv_response(f"organisations-{timezone.localdate():%Y-%m-%d}.csv", [header, *rows])


@permission_required("members.view_organisation")
def organisation_detail(request, slug):
    organisation = selectors.organisation_detail(slug=slug)
    if organisation is None:
        raise Http404
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "proposals": selectors.proposals_with_activities_of(organisation, request.user),
        },
    )


@permission_required("members.add_organisation")
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        if organisation is not None:
            messages.success(request, _("%(name)s was added to the directory.") % {"name": organisation.name})
            return redirect(organisation)
    return render(request, "members/organisation_form.html", {"form": form})


@permission_required("members.change_organisation", fn=by_slug)
def organisation_update(request, slug):
    organisation = by_slug(request, slug)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The profile was saved."))
            return redirect(saved)
    return render(request, "members/organisation_form.html", {"form": form, "organisation": organisation})


@require_POST
@permission_required("members.retire_organisation", fn=by_slug)
def organisation_set_status(request, slug):
    organisation = by_slug(request, slug)
    action = (
        services.organisation_retire if request.POST.get("action") == "retire" else services.organisation_reactivate
    )
    try:
        action(organisation=organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The status of %(name)s was changed.") % {"name": organisation.name})
    return redirect(organisation)


@permission_required("members.view_history_organisation", fn=by_slug)
def organisation_history(request, slug):
    organisation = by_slug(request, slug)
    page = paginate(request, selectors.organisation_history(organisation=organisation))
    return render(request, "members/organisation_history.html", {"organisation": organisation, "page": page})


@permission_required("members.manage_people_organisation", fn=by_slug)
def organisation_people(request, slug):
    organisation = selectors.organisation_detail(slug=slug)
    if organisation is None:
        raise Http404
    # Coordinators list a person at once; a leader's choice is an invitation the person accepts.
    direct = request.user.has_perm("members.add_affiliation")
    add_form = AffiliationForm(request.POST or None, organisation=organisation, by=request.user, direct=direct)
    if request.method == "POST" and add_form.is_valid() and add_form.save() is not None:
        name = add_form.cleaned_data["person"].name
        if direct:
            messages.success(request, _("%(name)s was added.") % {"name": name})
        else:
            messages.success(request, _("%(name)s was invited and is listed here once they accept.") % {"name": name})
        return redirect("members:affiliation_list", slug=slug)
    return render(
        request,
        "members/organisation_people.html",
        {
            "organisation": organisation,
            "add_form": add_form,
            "direct": direct,
            "invited": selectors.pending_affiliation_invitations(organisation=organisation),
        },
    )


@permission_required("members.view_own_affiliationinvitations")
def affiliation_invitations(request):
    """The invitations to an organisation waiting for the signed-in person's answer."""
    return render(
        request,
        "members/affiliation_invitations.html",
        {"invitations": selectors.affiliation_invitations_for(request.user)},
    )


@require_POST
@permission_required("members.answer_affiliationinvitation", fn=invitation_by_pk)
def affiliation_invitation_answer(request, pk):
    invitation = invitation_by_pk(request, pk)
    accept = request.POST.get("answer") == "accept"
    service = services.affiliation_invitation_accept if accept else services.affiliation_invitation_decline
    try:
        service(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("members:affiliation_invitation_list")
    names = {"organisation": invitation.organisation.name}
    if accept:
        messages.success(request, _("You are now listed at %(organisation)s.") % names)
        return redirect(invitation.organisation)
    messages.success(request, _("You declined the invitation to %(organisation)s.") % names)
    return redirect("members:affiliation_invitation_list")


@require_POST
@permission_required("members.manage_people_organisation", fn=by_slug)
def affiliation_update(request, slug, pk):
    affiliation = get_object_or_404(Affiliation.objects.select_related("person"), pk=pk, organisation__slug=slug)
    form = AffiliationUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.affiliation_update(affiliation=affiliation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved the position of %(name)s.") % {"name": affiliation.person.name})
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("members:affiliation_list", slug=slug)


@require_POST
@permission_required("members.manage_people_organisation", fn=by_slug)
def affiliation_remove(request, slug, pk):
    affiliation = get_object_or_404(Affiliation.objects.select_related("person"), pk=pk, organisation__slug=slug)
    try:
        services.affiliation_remove(affiliation=affiliation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is no longer listed here.") % {"name": affiliation.person.name})
    return redirect("members:affiliation_list", slug=slug)


@permission_required("members.invite_staff_organisation", fn=by_slug)
def organisation_invite(request, slug):
    organisation = by_slug(request, slug)
    form = StaffInvitationForm(request.POST or None, organisation=organisation, by=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = form.save()
        if invitation is not None:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("members:affiliation_list", slug=slug)
    return render(request, "members/organisation_invite.html", {"organisation": organisation, "form": form})


@login_required
def join_request_create(request):
    form = JoinRequestForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        join_request = form.save()
        if join_request is not None:
            return render(request, "members/join_request_sent.html", {"join_request": join_request})
    return render(request, "members/join_request_form.html", {"form": form})


@permission_required("members.view_joinrequest")
def join_request_list(request):
    show = request.GET.get("show", JoinRequestStatus.PENDING)
    if show not in JoinRequestStatus.values and show != "all":
        show = JoinRequestStatus.PENDING
    requests = selectors.join_requests(status=None if show == "all" else show)
    page = paginate(request, requests)
    return render(
        request, "members/join_request_list.html", {"page": page, "show": show, "statuses": JoinRequestStatus.choices}
    )


@require_POST
@permission_required("members.change_joinrequest")
def join_request_decide(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or decline."))
        return redirect("members:join_request_list")
    try:
        if form.cleaned_data["decision"] == "approve":
            organisation = services.join_request_approve(
                join_request=join_request, by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("%(name)s joined the network.") % {"name": organisation.name})
        else:
            services.join_request_decline(join_request=join_request, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The request was declined."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("members:join_request_list")
