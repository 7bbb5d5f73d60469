from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.loading import object_loader
from common.permissions import permission_required

from .. import selectors
from ..forms import SeriesForm
from ..models import MeetingSeries

series_by_slug = object_loader(MeetingSeries, lookup="slug")


@permission_required("events.view_meeting")
def series_detail(request, slug):
    series = get_object_or_404(MeetingSeries.objects.select_related("community"), slug=slug)
    upcoming = Paginator(selectors.upcoming_meetings(user=request.user, meetings=series.meetings.all()), 12).get_page(1)
    past = Paginator(selectors.past_meetings(user=request.user, meetings=series.meetings.all()), 12).get_page(1)
    return render(request, "events/series_detail.html", {"series": series, "upcoming": upcoming, "past": past})


@permission_required("events.add_meetingseries")
def series_create(request):
    form = SeriesForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        series = form.save()
        if series is not None:
            messages.success(
                request, _("The series was created with %(count)s meetings.") % {"count": series.meetings.count()}
            )
            return redirect(series)
    return render(request, "events/series_form.html", {"form": form})


@permission_required("events.change_meetingseries", fn=series_by_slug)
def series_update(request, slug):
    series = series_by_slug(request, slug)
    form = SeriesForm(request.POST or None, instance=series, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(
                request, _("The series was saved. Future meetings that were not changed by hand follow it.")
            )
            return redirect(saved)
    return render(request, "events/series_form.html", {"form": form, "series": series})
