from datetime import datetime, time

from django.contrib import messages
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common.fragments import cached, model_scope
from common.pagination import paginate, query_without_page
from common.permissions import permission_required

from .. import selectors
from ..forms import CalendarFilterForm
from ..grid import month_bounds, month_grid, neighbour_months
from ..models import Meeting, MeetingSeries


def _filters(request):
    form = CalendarFilterForm(request.GET or None)
    form.is_valid()
    return form


@permission_required("events.view_meeting")
def month(request):
    form = _filters(request)
    if form.month_refused():
        messages.warning(request, _("The calendar cannot show that month; here is the current one."))
    month_start = form.month_start()
    previous, following = neighbour_months(month_start)
    query = request.GET.copy()
    query.pop("month", None)
    return render(
        request,
        "events/calendar_month.html",
        {
            "form": form,
            "grid": _month_grid(request, form, month_start),
            "month_start": month_start,
            "previous": previous,
            "following": following,
            "filters": query.urlencode(),
            "next_meeting": selectors.next_meeting_for(request.user),
            "series_list": MeetingSeries.objects.filter(is_active=True).order_by("title"),
        },
    )


def _month_grid(request, form, month_start) -> str:
    """The month's table, the same for every member (the calendar shows the whole network's life): rendered
    once per change of a meeting, per month, filters, day (today is marked), language and time zone."""

    def render_grid() -> str:
        first, last = month_bounds(month_start)
        zone = timezone.get_current_timezone()
        meetings = selectors.meetings_between(
            user=request.user,
            start=datetime.combine(first, time(), tzinfo=zone),
            end=datetime.combine(last, time.max, tzinfo=zone),
            meetings=form.filter(selectors.visible_meetings(request.user)),
        )
        weeks = month_grid(month_start, meetings)
        has_meetings = any(day.meetings for week in weeks for day in week)
        context = {"weeks": weeks, "month_has_meetings": has_meetings, "month_start": month_start}
        return render_to_string("events/_month_grid.html", context)

    return cached(
        f"calendar-month:{month_start:%Y-%m}:{form.filter_key()}:{timezone.localdate():%Y-%m-%d}",
        scopes=[model_scope(Meeting)],
        compute=render_grid,
    )


def _listing(request, select, template):
    form = _filters(request)
    meetings = select(user=request.user, meetings=form.filter(selectors.visible_meetings(request.user)))
    page = paginate(request, meetings)
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request.GET)})


@permission_required("events.view_meeting")
def upcoming(request):
    return _listing(request, selectors.upcoming_meetings, "events/meeting_list_upcoming.html")


@permission_required("events.view_meeting")
def past(request):
    return _listing(request, selectors.past_meetings, "events/meeting_list_past.html")
