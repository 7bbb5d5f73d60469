from django.shortcuts import render
from django.utils.translation import gettext as _

from common.csv import csv_response
from common.pagination import paginate
from common.params import id_param, slug_param
from common.permissions import permission_required
from members.models import Organisation, User

from .. import selectors
from ..charts import CHART_WIDTH, LABEL_WIDTH, horizontal_bars
from ..forms import PeriodForm, current_quarter


@permission_required("events.view_attendance_report")
def attendance_report(request):
    """Attendance over time for the network, one organisation or one person, with a monthly chart."""
    organisation = Organisation.objects.filter(slug=slug_param(request.GET, "organisation")).first()
    person = User.objects.filter(pk=id_param(request.GET, "person")).first()
    months = selectors.attendance_by_month(organisation=organisation, person=person)
    highest = max((count for _month, count in months), default=0) or 1
    bars = []
    for index, (month, count) in enumerate(months):
        height = round(count * 100 / highest)
        bars.append(
            {
                "month": month,
                "count": count,
                "x": index * 40,
                "height": height,
                "y": 112 - height,
                "label_y": 108 - height,
            }
        )
    records = paginate(request, selectors.attendance_records(organisation=organisation, person=person))
    return render(
        request,
        "events/attendance_report.html",
        {
            "organisation": organisation,
            "person": person,
            "bars": bars,
            "chart_width": len(bars) * 40,
            "query": "&".join(
                f"{key}={value}"
                for key, value in [
                    ("organisation", organisation and organisation.slug),
                    ("person", person and person.pk),
                ]
                if value
            ),
            "records": records,
            "organisations": Organisation.objects.order_by("name").only("name", "slug"),
        },
    )


def _period_form(request) -> PeriodForm:
    start, end = current_quarter()
    return PeriodForm(request.GET or None, initial={"start": start, "end": end})


@permission_required("events.view_attendance_report")
def organisation_participation(request):
    """Per organisation, how many meetings of a period it came to, as a chart and a table."""
    form = _period_form(request)
    start, end = form.period()
    report = selectors.organisation_participation(start=start, end=end)
    bars, height = horizontal_bars(
        [
            ((row.organisation.acronym or row.name) if row.organisation else row.name, row.meetings)
            for row in report.rows
        ]
    )
    return render(
        request,
        "events/organisation_participation.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "report": report,
            "bars": bars,
            "chart_height": height,
            "chart_width": CHART_WIDTH,
            "label_width": LABEL_WIDTH,
            "csv_query": f"start={start:%Y-%m-%d}&end={end:%Y-%m-%d}",
        },
    )


@permission_required("events.view_attendance_report")
def organisation_participation_csv(request):
    start, end = _period_form(request).period()
    report = selectors.organisation_participation(start=start, end=end)
    header = [_("Organisation"), _("Acronym"), _("In the network"), _("Meetings attended"), _("People attended")]
    rows = (
        [
            row.name,
            row.organisation.acronym if row.organisation else "",
            _("yes") if row.organisation else _("no"),
            row.meetings,
            row.people,
        ]
        for row in report.rows
    )
    summary = [_("Meetings with attendance recorded"), "", "", report.meetings, ""]
    return csv_response(f"participation-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv", [header, *rows, summary])
