from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required
from events.models import Meeting
from members.services import digest_unsubscribe

from ..models import Delivery, DeliveryKind
from ..services.digests import person_from_unsubscribe_token

meeting_by_pk = object_loader(Meeting)


@permission_required("events.change_meeting", fn=meeting_by_pk)
def meeting_deliveries(request, pk):
    """Who was reminded of the meeting when, and what failed."""
    meeting = meeting_by_pk(request, pk)
    deliveries = (
        Delivery.objects.filter(meeting=meeting)
        .select_related("recipient")
        .order_by("kind", "-claimed_at", "recipient__display_name")
    )
    page = paginate(request, deliveries, per_page=100)
    return render(request, "network/meeting_deliveries.html", {"meeting": meeting, "page": page})


@login_required
def my_digests(request):
    digests = Delivery.objects.filter(recipient=request.user, kind=DeliveryKind.DIGEST).order_by("-window_end")
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
