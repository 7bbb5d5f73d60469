"""Attendance from the online meeting tool's participants report: upload, then check the matches and confirm.

The file is read in memory and not kept; its rows wait in the session between the two steps, under a token
the confirm form carries, so a confirm sent twice (a double click) or after the session ended finds nothing
to save and says so.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.permissions import permission_required

from .. import services
from ..forms import ReportConfirmForm, ReportUploadForm
from .meetings import meeting_by_pk

SESSION_KEY = "attendance_import_{pk}"


def _refusal(meeting) -> str:
    """Why attendance cannot be imported for this meeting now, or ""."""
    try:
        services.attendance_check_open(meeting)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@permission_required("events.change_meeting", fn=meeting_by_pk)
def attendance_import(request, pk):
    meeting = meeting_by_pk(request, pk)
    refusal = _refusal(meeting)
    if refusal:
        messages.error(request, refusal)
        return redirect(meeting)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = form.parsed
        request.session[SESSION_KEY.format(pk=meeting.pk)] = {
            "token": secrets.token_urlsafe(16),
            "file": form.cleaned_data["report"].name[:200],
            "tool": report.tool,
            "columns": report.columns,
            "rows": [row.as_dict() for row in report.rows],
        }
        return redirect("events:attendance_import_confirm", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/attendance_import.html", {"meeting": meeting, "form": form}, status=status)


@permission_required("events.change_meeting", fn=meeting_by_pk, form_page="events:attendance_import")
def attendance_import_confirm(request, pk):
    meeting = meeting_by_pk(request, pk)
    refusal = _refusal(meeting)
    if refusal:
        messages.error(request, refusal)
        return redirect(meeting)
    key = SESSION_KEY.format(pk=meeting.pk)
    stored = request.session.get(key)
    sent_token = request.POST.get("token") if request.method == "POST" else None
    if (
        not isinstance(stored, dict)
        or not isinstance(stored.get("rows"), list)
        or (sent_token is not None and sent_token != stored.get("token"))
    ):
        if request.method == "POST":
            messages.warning(
                request,
                _(
                    "This report was already saved, or the upload has expired. Check the attendance below, "
                    "or upload the report again."
                ),
            )
            return redirect("events:attendance_record", pk=meeting.pk)
        messages.info(request, _("Upload the participants report first."))
        return redirect("events:attendance_import", pk=meeting.pk)
    matches = services.report_match(meeting=meeting, rows=stored["rows"])
    form = ReportConfirmForm(
        request.POST or None,
        initial={"token": stored["token"]},
        meeting=meeting,
        matches=matches,
        by=request.user,
    )
    if request.method == "POST" and form.is_valid():
        result = form.save()
        if result is not None:
            request.session.pop(key, None)
            messages.success(
                request,
                _("Attendance imported: %(people)s people with an account and %(guests)s guests.")
                % {"people": result.people, "guests": result.guests},
            )
            return redirect("events:attendance_record", pk=meeting.pk)
    counts = dict.fromkeys(("email", "likely", "uncertain", "guest"), 0)
    for match in matches:
        counts[match.certainty] += 1
    return render(
        request,
        "events/attendance_import_confirm.html",
        {
            "meeting": meeting,
            "form": form,
            "stored": stored,
            "counts": counts,
        },
        status=400 if request.method == "POST" else 200,
    )
