from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.static import serve

from communities.selectors import communities_of
from events.selectors import next_meeting_for
from members.selectors import affiliation_invitations_for, users_pending_approval
from proposals.selectors import open_reviews_of, proposals_of

from ..selectors import challenges_waiting_in_themes, notifications_for


@login_required
def dashboard(request):
    """The signed-in home page. A person still waiting for approval sees only that."""
    if not request.user.has_perm("members.view_dashboard"):
        return render(request, "network/awaiting_approval.html", status=200)
    context = {
        "next_meeting": next_meeting_for(request.user),
        "waiting_challenges": challenges_waiting_in_themes(request.user),
        "notifications": list(notifications_for(request.user).filter(read_at__isnull=True)[:5]),
        "communities": communities_of(request.user),
        "proposals": proposals_of(request.user),
        "reviews": open_reviews_of(request.user),
        "affiliation_invitations": list(affiliation_invitations_for(request.user)),
    }
    if request.user.has_perm("members.approve_user"):
        context["pending_count"] = users_pending_approval().count()
    return render(request, "network/dashboard.html", context)


def public_media(request, path):
    """The quick start's /media/: public uploads only (logos), from MEDIA_ROOT as it is set now."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
