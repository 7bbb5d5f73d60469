from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from common.pagination import paginate

from .. import selectors, services
from ..models import Notification


@login_required
def notification_list(request):
    page = paginate(request, selectors.notifications_for(request.user))
    return render(request, "network/notification_list.html", {"page": page})


@require_POST
@login_required
def notification_read(request):
    """Mark one notification (and go to what it is about) or all of them as read."""
    pk = request.POST.get("notification")
    if pk and pk.isdigit():
        notification = (
            Notification.objects.filter(pk=pk, recipient=request.user)
            .select_related("challenge", "reply__challenge", "meeting")
            .first()
        )
        if notification is not None:
            services.notifications_mark_read(person=request.user, ids=[notification.pk])
            return redirect(notification.url)
    else:
        services.notifications_mark_read(person=request.user)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "network:notification_list"
    return redirect(target)
