from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.http import safe_next_url
from common.pagination import paginate
from common.params import id_param
from common.permissions import login_required

from .. import selectors, services
from ..models import Notification


@login_required
def notification_list(request):
    page = paginate(request, selectors.notifications_for(request.user))
    return render(request, "network/notification_list.html", {"page": page})


@require_POST
@login_required(form_page="network:notification_list")
def notification_read(request):
    """Mark one notification (and go to what it is about) or all of them as read."""
    if "notification" in request.POST:
        # One notification; an id that names none of the person's marks nothing.
        notification = (
            Notification.objects.filter(pk=id_param(request.POST, "notification"), recipient=request.user)
            .select_related("challenge", "reply__challenge", "meeting", "enquiry")
            .first()
        )
        if notification is not None:
            services.notifications_mark_read(person=request.user, ids=[notification.pk])
            return redirect(notification.url)
    else:
        services.notifications_mark_read(person=request.user)
    return redirect(safe_next_url(request, reverse("network:notification_list")))
