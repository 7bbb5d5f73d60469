from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.http import safe_next_url
from common.loading import object_loader
from common.mail.sweep import deliveries_retry
from common.models import Delivery
from common.pagination import paginate
from common.permissions import permission_required
from events.models import Meeting
from events.services.reminders import TOPIC as MEETING_TOPIC
from members.models import User
from members.services import digest_unsubscribe

from ..services.digests import DIGEST, person_from_unsubscribe_token

meeting_by_pk = object_loader(Meeting)
person_by_pk = object_loader(User)
delivery_by_pk = object_loader(Delivery)


@permission_required("events.change_meeting", fn=meeting_by_pk)
def meeting_deliveries(request, pk):
    """Who was reminded of the meeting when, what is waiting, and what failed."""
    meeting = meeting_by_pk(request, pk)
    deliveries = (
        Delivery.objects.filter(topic=MEETING_TOPIC, topic_id=meeting.pk)
        .select_related("recipient")
        .order_by("kind", "-claimed_at", "recipient__display_name")
    )
    page = paginate(request, deliveries, per_page=100)
    return render(request, "network/meeting_deliveries.html", {"meeting": meeting, "page": page})


@permission_required("network.view_deliveries")
def person_deliveries(request, pk):
    """Every e-mail sent, waiting or failed for one person."""
    person = person_by_pk(request, pk)
    page = paginate(request, Delivery.objects.filter(recipient=person).order_by("-claimed_at", "-pk"), per_page=100)
    return render(request, "network/person_deliveries.html", {"person": person, "page": page})


@require_POST
@permission_required("network.retry_delivery")
def delivery_retry(request, pk):
    delivery = delivery_by_pk(request, pk)
    if deliveries_retry(deliveries=[delivery], by=request.user):
        messages.success(request, _("The e-mail will be sent again shortly."))
    else:
        messages.info(request, _("This e-mail is not waiting for a retry."))
    return redirect(safe_next_url(request, fallback="/"))


@login_required
def my_digests(request):
    digests = Delivery.objects.filter(recipient=request.user, kind=DIGEST).order_by("-window_end")
    page = paginate(request, digests)
    return render(request, "network/my_digests.html", {"page": page})


@csrf_exempt  # mail programs post here for one-click unsubscribe (RFC 8058); the signed token is the proof
def digest_unsubscribe_view(request, token):
    person = person_from_unsubscribe_token(token)
    if person is None:
        raise Http404
    if request.method == "POST":
        digest_unsubscribe(user=person)
        messages.success(request, _("You will no longer receive the e-mail digest."))
        return render(request, "network/digest_unsubscribed.html", {"person": person})
    return render(request, "network/digest_unsubscribe.html", {"person": person, "token": token})
