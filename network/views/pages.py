import rules
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.static import serve

from common.fragments import cached, model_scope, person_scope
from members.models import Organisation
from members.selectors import users_pending_approval

from ..fragments import dashboard_place
from ..selectors import challenges_waiting_in_themes, notifications_for


@login_required
def dashboard(request):
    """The signed-in home page. A person still waiting for approval sees only that."""
    if not request.user.has_perm("members.view_dashboard"):
        return render(request, "network/awaiting_approval.html", status=200)
    user = request.user
    # The heavy sections are kept per person until a service changes what they show (common.fragments):
    # the challenges waiting in the person's themes (rendered: no form, no relative time in it) and their
    # newest unread notifications (the rows: the page renders their forms and times afresh).
    waiting_section, notifications = cached(
        "dashboard",
        scopes=["board", model_scope(Organisation), person_scope(user)],
        compute=lambda: (
            render_to_string(
                "network/_dashboard_waiting.html", {"waiting_challenges": challenges_waiting_in_themes(user)}
            ),
            list(notifications_for(user).filter(read_at__isnull=True)[:5]),
        ),
    )
    context = {
        **dashboard_place(user),
        "waiting_section": waiting_section,
        "notifications": notifications,
    }
    # The rule itself: Django's model backend would look up the person's permissions when it says no.
    if rules.has_perm("members.approve_user", request.user):
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
