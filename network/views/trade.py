"""Enquiries between members about their social enterprises' listings, and the coordinators' measure of them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required
from members.models import Offer

from .. import selectors
from ..forms import EnquiryForm, EnquiryReplyForm
from ..models import Enquiry

offer_by_pk = object_loader(Offer.objects.select_related("organisation"), url_kwarg="offer_pk")
enquiry_by_pk = object_loader(Enquiry.objects.select_related("organisation"))

# The chart's geometry: the Content-Security-Policy allows no inline styles, so sizes are SVG attributes.
BAR_WIDTH, BAR_GAP, BAR_AREA = 36, 14, 100


@permission_required("network.add_enquiry", fn=offer_by_pk)
def enquiry_create(request, offer_pk):
    offer = offer_by_pk(request, offer_pk)
    form = EnquiryForm(request.POST or None, offer=offer, by=request.user)
    if request.method == "POST" and form.is_valid():
        enquiry = form.save()
        if enquiry is not None:
            messages.success(
                request,
                _("Your enquiry was sent to the leaders of %(name)s. Their answer will appear here.")
                % {"name": offer.organisation.name},
            )
            return redirect(enquiry)
    return render(request, "network/enquiry_form.html", {"form": form, "offer": offer})


@permission_required("network.view_own_enquiries")
def enquiry_list(request):
    page = paginate(request, selectors.enquiries_of(request.user))
    return render(request, "network/enquiry_list.html", {"page": page})


def _thread(request, enquiry, form):
    enquiry = selectors.enquiry_detail(pk=enquiry.pk)
    return render(request, "network/enquiry_detail.html", {"enquiry": enquiry, "form": form})


@permission_required("network.view_enquiry", fn=enquiry_by_pk)
def enquiry_detail(request, pk):
    enquiry = enquiry_by_pk(request, pk)
    return _thread(request, enquiry, EnquiryReplyForm(enquiry=enquiry, by=request.user))


@require_POST
@permission_required("network.reply_enquiry", fn=enquiry_by_pk, form_page="network:enquiry_detail")
def enquiry_reply(request, pk):
    enquiry = enquiry_by_pk(request, pk)
    form = EnquiryReplyForm(request.POST, enquiry=enquiry, by=request.user)
    if form.is_valid() and form.save() is not None:
        messages.success(request, _("Your reply was sent."))
        return redirect(enquiry)
    return _thread(request, enquiry, form)


@permission_required("network.view_enquiry_report")
def enquiry_report(request):
    """How many enquiries went between members each quarter: a bar chart, and the same numbers as a table."""
    quarters = selectors.enquiries_by_quarter()
    highest = max((row["count"] for row in quarters), default=0) or 1
    bars = []
    for index, row in enumerate(quarters):
        height = round(row["count"] * BAR_AREA / highest)
        x = index * (BAR_WIDTH + BAR_GAP)
        bars.append(
            {
                **row,
                "x": x,
                "text_x": x + BAR_WIDTH / 2,
                "height": height,
                "y": 14 + BAR_AREA - height,
                "count_y": 10 + BAR_AREA - height,
            }
        )
    return render(
        request,
        "network/enquiry_report.html",
        {
            "bars": bars,
            "bar_width": BAR_WIDTH,
            "chart_width": len(bars) * (BAR_WIDTH + BAR_GAP) - BAR_GAP,
            "chart_height": BAR_AREA + 44,
            "label_y": BAR_AREA + 30,
            "year_y": BAR_AREA + 42,
            "total": sum(row["count"] for row in quarters),
        },
    )
