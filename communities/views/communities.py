"""Pages of communities of practice: directory, community page, joining and leaving, and the
facilitators' pages for people, member organisations and stakeholder links.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import safe_next_url
from common.loading import object_loader
from common.pagination import CARD_GRID_PAGE_SIZE, paginate, query_without_page
from common.permissions import permission_required

from .. import selectors, services
from ..enums import MembershipStatus
from ..filters import CommunityFilter
from ..forms import CommunityForm, InviteForm, JoinForm, OrganisationAddForm, RoleForm, StakeholderLinkForm
from ..models import Community, CommunityOrganisation, Membership, StakeholderLink

# The community a URL names, read once per request: for the permission check and for the view.
by_slug = object_loader(Community, lookup="slug")


def _detail_or_404(slug: str) -> Community:
    community = selectors.community_detail(slug=slug)
    if community is None:
        raise Http404
    return community


def _membership(community: Community, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("person"), pk=pk, community=community)


def _back(request, community: Community):
    """Back to the page the button was on, when it is one of ours; else to the people page."""
    return redirect(safe_next_url(request, reverse("communities:membership_list", kwargs={"slug": community.slug})))


def _call_service_with_message(request, service, done_message: str, **kwargs) -> bool:
    """Call a service for a button; show its refusal, or done_message, as a message."""
    try:
        service(by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done_message)
    return True


# --- directory and community page -------------------------------------------------------


@permission_required("communities.view_community")
def community_list(request):
    communities = selectors.community_directory(viewer=request.user, include_inactive=request.user.is_coordinator)
    filterset = CommunityFilter(request.GET or None, queryset=communities)
    page = paginate(request, filterset.qs, per_page=CARD_GRID_PAGE_SIZE)
    return render(
        request,
        "communities/community_list.html",
        {"filter": filterset, "page": page, "query": query_without_page(request.GET)},
    )


# The people shown on a community's page; all of them are on its people page, a page at a time.
PEOPLE_ON_COMMUNITY_PAGE = 12


@permission_required("communities.view_community", fn=by_slug)
def community_detail(request, slug):
    community = selectors.community_page(by_slug(request, slug))
    members_only = request.user.has_perm("communities.view_members_only", community)
    memberships = selectors.page_memberships(community=community, viewer=request.user, with_waiting=members_only)
    life = selectors.community_life(community, members_only=members_only)
    people = list(selectors.community_people(community)[:PEOPLE_ON_COMMUNITY_PAGE])
    return render(
        request,
        "communities/community_detail.html",
        {
            "community": community,
            "members_only": members_only,
            "can_manage": request.user.has_perm("communities.manage_community", community),
            "my_membership": memberships.mine,
            "waiting": memberships.waiting,
            "life": life,
            "people": people,
            "people_count": people[0].total if people else 0,
            "timeline": selectors.community_timeline(community, joins=memberships.recent_joins, life=life),
            "proposals": selectors.visible_proposals_of(community, request.user),
        },
    )


@permission_required("communities.view_community", fn=by_slug)
def member_list(request, slug):
    """All of a community's active people, a page at a time (the community page shows the first few)."""
    community = by_slug(request, slug)
    page = paginate(request, selectors.community_people(community))
    return render(
        request,
        "communities/member_list.html",
        {
            "community": community,
            "members_only": request.user.has_perm("communities.view_members_only", community),
            "page": page,
            "query": query_without_page(request.GET),
        },
    )


@permission_required("communities.add_community")
def community_create(request):
    form = CommunityForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        community = form.save()
        if community is not None:
            messages.success(request, _("%(community)s was created.") % {"community": community})
            return redirect(community)
    return render(request, "communities/community_form.html", {"form": form})


@permission_required("communities.change_community", fn=by_slug)
def community_update(request, slug):
    community = by_slug(request, slug)
    form = CommunityForm(request.POST or None, instance=community, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The about page was saved."))
            return redirect(saved)
    return render(request, "communities/community_form.html", {"form": form, "community": community})


# --- joining, invitations and leaving ---------------------------------------------------


@permission_required("communities.join_community", fn=by_slug)
def membership_request(request, slug):
    community = by_slug(request, slug)
    form = JoinForm(request.POST or None, community=community, person=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(
            request,
            _("You asked to join %(community)s. Its facilitators will answer by e-mail.") % {"community": community},
        )
        return redirect(community)
    return render(request, "communities/membership_request.html", {"community": community, "form": form})


@require_POST
@permission_required("communities.join_community", fn=by_slug)
def invitation_answer(request, slug):
    community = by_slug(request, slug)
    membership = get_object_or_404(
        Membership, community=community, person=request.user, status=MembershipStatus.INVITED
    )
    if request.POST.get("answer") == "accept":
        _call_service_with_message(
            request,
            services.membership_invitation_accept,
            _("Welcome to %(community)s.") % {"community": community},
            membership=membership,
        )
    else:
        _call_service_with_message(
            request,
            services.membership_invitation_decline,
            _("You declined the invitation to %(community)s.") % {"community": community},
            membership=membership,
        )
    return redirect(community)


@permission_required("communities.leave_community", fn=by_slug)
def membership_leave(request, slug):
    community = by_slug(request, slug)
    membership = get_object_or_404(
        Membership.objects.active().select_related("person"), community=community, person=request.user
    )
    if request.method == "POST":
        _call_service_with_message(
            request,
            services.membership_leave,
            _("You left %(community)s.") % {"community": community},
            membership=membership,
        )
        return redirect(community)
    return render(request, "communities/membership_leave.html", {"community": community, "membership": membership})


# --- the facilitators' pages ------------------------------------------------------------


@permission_required("communities.manage_community", fn=by_slug)
def members_manage(request, slug):
    community = _detail_or_404(slug)
    return render(
        request,
        "communities/members_manage.html",
        {
            "community": community,
            "waiting": selectors.memberships_awaiting_decision(community=community),
            "roles": RoleForm.base_fields["role"].choices,
        },
    )


@permission_required("communities.manage_community", fn=by_slug)
def membership_invite(request, slug):
    community = by_slug(request, slug)
    form = InviteForm(request.POST or None, community=community, by=request.user)
    if request.method == "POST" and form.is_valid():
        membership = form.save()
        if membership is not None:
            messages.success(request, _("%(name)s was invited and told by e-mail.") % {"name": membership.person.name})
            return redirect("communities:membership_list", slug=slug)
    return render(request, "communities/membership_invite.html", {"community": community, "form": form})


def _membership_button(request, slug, pk, service, done_message: str, **kwargs):
    """One button on someone's membership: call the service, say what happened, go back."""
    community = by_slug(request, slug)
    membership = _membership(community, pk)
    done = done_message % {"name": membership.person.name, "community": community}
    _call_service_with_message(request, service, done, membership=membership, **kwargs)
    return _back(request, community)


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def membership_approve(request, slug, pk):
    return _membership_button(
        request, slug, pk, services.membership_approve, _("%(name)s is now a member of %(community)s.")
    )


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def membership_decline(request, slug, pk):
    return _membership_button(
        request, slug, pk, services.membership_decline, _("The request or invitation of %(name)s was declined.")
    )


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def membership_role(request, slug, pk):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose member or facilitator."))
        return _back(request, by_slug(request, slug))
    return _membership_button(
        request,
        slug,
        pk,
        services.membership_set_role,
        _("The role of %(name)s was saved."),
        role=form.cleaned_data["role"],
    )


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def membership_remove(request, slug, pk):
    return _membership_button(
        request, slug, pk, services.membership_leave, _("%(name)s is no longer a member of %(community)s.")
    )


def _links_page(request, slug, *, form_class, template: str, done_message):
    """A facilitator's page that lists one kind of the community's links and adds one with a form."""
    community = _detail_or_404(slug)
    form = form_class(request.POST or None, community=community, by=request.user)
    if request.method == "POST" and form.is_valid():
        link = form.save()
        if link is not None:
            messages.success(request, done_message(link))
            return redirect(request.path)
    return render(request, template, {"community": community, "form": form})


def _link_remove(request, slug, pk, *, model, service, done_message: str, back: str):
    community = by_slug(request, slug)
    link = get_object_or_404(model.objects.select_related("organisation"), pk=pk, community=community)
    _call_service_with_message(request, service, done_message % {"name": link.organisation.name}, link=link)
    return redirect(back, slug=slug)


@permission_required("communities.manage_community", fn=by_slug)
def organisations_manage(request, slug):
    return _links_page(
        request,
        slug,
        form_class=OrganisationAddForm,
        template="communities/organisations_manage.html",
        done_message=lambda link: _("%(name)s is now a member organisation.") % {"name": link.organisation.name},
    )


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def organisation_remove(request, slug, pk):
    return _link_remove(
        request,
        slug,
        pk,
        model=CommunityOrganisation,
        service=services.organisation_remove,
        done_message=_("%(name)s is no longer a member organisation."),
        back="communities:organisation_list",
    )


@permission_required("communities.manage_community", fn=by_slug)
def stakeholder_links(request, slug):
    return _links_page(
        request,
        slug,
        form_class=StakeholderLinkForm,
        template="communities/stakeholder_links.html",
        done_message=lambda link: (
            _("%(name)s is linked as %(role)s.")
            % {"name": link.organisation.name, "role": link.get_role_display().lower()}
        ),
    )


def _stakeholder_link(community: Community, pk: int) -> StakeholderLink:
    return get_object_or_404(StakeholderLink.objects.select_related("organisation"), pk=pk, community=community)


@permission_required("communities.manage_community", fn=by_slug)
def stakeholder_link_update(request, slug, pk):
    community = by_slug(request, slug)
    link = _stakeholder_link(community, pk)
    form = StakeholderLinkForm(request.POST or None, instance=link, community=community, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The link with %(name)s was saved.") % {"name": link.organisation.name})
        return redirect("communities:stakeholder_link_list", slug=slug)
    return render(
        request, "communities/stakeholder_link_form.html", {"community": community, "link": link, "form": form}
    )


@require_POST
@permission_required("communities.manage_community", fn=by_slug)
def stakeholder_link_remove(request, slug, pk):
    return _link_remove(
        request,
        slug,
        pk,
        model=StakeholderLink,
        service=services.stakeholder_link_remove,
        done_message=_("%(name)s is no longer linked."),
        back="communities:stakeholder_link_list",
    )
