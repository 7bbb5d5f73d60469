from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import safe_next_url
from common.pagination import paginate
from common.permissions import permission_required

from .. import selectors, services
from ..enums import InvitationStatus
from ..forms import ApprovalForm, InvitationAcceptForm, InvitationForm, PreferencesForm
from ..models import Invitation


@permission_required("members.view_invitation")
def invitation_list(request):
    page = paginate(request, selectors.invitation_list(), per_page=50)
    return render(request, "members/invitation_list.html", {"page": page})


@permission_required("members.add_invitation")
def invitation_create(request):
    form = InvitationForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = form.save()
        if invitation is not None:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("members:invitation_list")
    return render(
        request, "members/invitation_form.html", {"form": form, "invitation_days": settings.INVITATION_VALID_DAYS}
    )


def _invitation_action(request, pk, action, done_message):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        action(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message % {"email": invitation.email})
    return redirect("members:invitation_list")


@require_POST
@permission_required("members.change_invitation")
def invitation_resend(request, pk):
    return _invitation_action(request, pk, services.invitation_resend, _("A new link was sent to %(email)s."))


@require_POST
@permission_required("members.change_invitation")
def invitation_revoke(request, pk):
    return _invitation_action(request, pk, services.invitation_revoke, _("The invitation to %(email)s was withdrawn."))


def invitation_accept(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None or invitation.status != InvitationStatus.OPEN:
        return render(
            request,
            "members/invitation_unusable.html",
            {"invitation": invitation, "token": token},
            status=410 if invitation else 404,
        )
    if request.user.is_authenticated:
        messages.info(request, _("You are already signed in. Sign out first to accept this invitation."))
        return redirect("dashboard_detail")
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if user is not None:
            login(request, user, backend="common.backends.ModelBackendWithoutGroups")
            messages.success(request, _("Welcome to the network, %(name)s.") % {"name": user.name})
            return redirect("dashboard_detail")
    return render(request, "members/invitation_accept.html", {"form": form, "invitation": invitation})


@require_POST
def invitation_request_renewal(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None or invitation.accepted_at:
        return render(
            request, "members/invitation_unusable.html", {"invitation": invitation, "token": token}, status=410
        )
    services.invitation_request_renewal(invitation=invitation)
    return render(request, "members/invitation_renewal_requested.html", {"invitation": invitation})


@permission_required("members.approve_user")
def approval_list(request):
    if request.method == "POST":
        form = ApprovalForm(request.POST)
        if form.is_valid():
            person = form.cleaned_data["user"]
            if form.cleaned_data["decision"] == "approve":
                services.user_approve(user=person, by=request.user)
                messages.success(request, _("%(name)s can now see the network.") % {"name": person.name})
            else:
                services.user_decline(user=person, by=request.user)
                messages.success(request, _("The sign-up of %(name)s was declined.") % {"name": person.name})
        else:
            messages.error(request, _("That person is no longer waiting for approval."))
        return redirect("members:signup_list")
    return render(request, "members/approval_list.html", {"pending": selectors.users_pending_approval()})


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your preferences were saved."))
        response = redirect("members:preferences_update")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return render(request, "members/preferences.html", {"form": form})


@require_POST
def set_language(request):
    """Switch the page language; a signed-in person keeps it as their preference."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next_url(request, "/"))
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", max_age=365 * 24 * 3600)
    return response
