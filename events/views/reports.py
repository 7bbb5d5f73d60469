from django.shortcuts import render

from common.pagination import paginate
from common.params import id_param, slug_param
from common.permissions import permission_required
from members.models import Organisation, User

from .. import selectors


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
