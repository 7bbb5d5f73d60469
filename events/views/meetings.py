from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.csv import csv_response
from common.files import serve_private
from common.loading import object_loader
from common.pagination import paginate
from common.params import slug_param
from common.permissions import permission_required
from communities.models import Community

from .. import selectors, services
from ..enums import AccessNeed, MinutesStatus, RsvpResponse
from ..forms import AgendaItemForm, AttendanceForm, CancelForm, MeetingForm, MinutesForm, RsvpForm
from ..models import AgendaItem, Meeting

# The meeting a URL names, read once per request for the permission check and the view.
meeting_by_pk = object_loader(Meeting.objects.select_related("series", "community"))


@permission_required("events.view_meeting")
def meeting_detail(request, pk):
    meeting = selectors.meeting_detail(pk=pk, user=request.user)
    if meeting is None:
        raise Http404
    rsvp = selectors.my_rsvp(meeting=meeting, user=request.user)
    form = None
    if request.user.has_perm("events.rsvp_meeting", meeting):
        initial = (
            {"response": rsvp.response, "needs": rsvp.needs, "needs_other": rsvp.needs_other, "note": rsvp.note}
            if rsvp
            else None
        )
        form = RsvpForm(initial=initial, meeting=meeting, person=request.user)
    came_from = (
        selectors.attendance_by_organisation(meeting)
        if meeting.is_past and not meeting.is_cancelled and (meeting.attendance_count or meeting.guest_count)
        else []
    )
    return render(
        request,
        "events/meeting_detail.html",
        {"meeting": meeting, "rsvp": rsvp, "rsvp_form": form, "came_from": came_from},
    )


@require_POST
@permission_required("events.rsvp_meeting", fn=meeting_by_pk, form_page="events:meeting_detail")
def rsvp(request, pk):
    meeting = meeting_by_pk(request, pk)
    form = RsvpForm(request.POST, meeting=meeting, person=request.user)
    if form.is_valid():
        answer = form.save()
        if answer is not None:
            if answer.waitlisted:
                messages.warning(
                    request,
                    _("The meeting is full. You are on the waiting list and will get an e-mail when a place frees up."),
                )
            else:
                messages.success(request, _("Thank you, your answer was saved."))
            return redirect(meeting)
        if form.non_field_errors():
            # Answers are closed for this meeting: there is nothing to correct in the form.
            messages.error(request, " ".join(form.non_field_errors()))
            return redirect(meeting)
    detail = selectors.meeting_detail(pk=pk, user=request.user)
    return render(
        request,
        "events/meeting_detail.html",
        {"meeting": detail, "rsvp": selectors.my_rsvp(meeting=meeting, user=request.user), "rsvp_form": form},
        status=400,
    )


@permission_required("events.add_meeting")
def meeting_create(request):
    audience = Community.objects.filter(slug=slug_param(request.GET, "community")).first()
    form = MeetingForm(request.POST or None, initial={"community": audience}, by=request.user)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        if meeting is not None:
            messages.success(request, _("The meeting was added to the calendar."))
            return redirect(meeting)
    return render(request, "events/meeting_form.html", {"form": form})


@permission_required("events.change_meeting", fn=meeting_by_pk)
def meeting_update(request, pk):
    meeting = meeting_by_pk(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The meeting was saved."))
            return redirect(saved)
    return render(request, "events/meeting_form.html", {"form": form, "meeting": meeting})


@permission_required("events.change_meeting", fn=meeting_by_pk)
def meeting_cancel(request, pk):
    meeting = meeting_by_pk(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting was cancelled."))
        return redirect(meeting)
    return render(request, "events/meeting_cancel.html", {"form": form, "meeting": meeting})


@require_POST
@permission_required("events.change_meeting", fn=meeting_by_pk)
def meeting_reinstate(request, pk):
    meeting = meeting_by_pk(request, pk)
    try:
        services.meeting_reinstate(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The cancellation was undone: the meeting is on again. Those told of the cancellation get an "
                "e-mail, and calendars that subscribe will show it again."
            ),
        )
    return redirect(meeting)


@permission_required("events.change_meeting", fn=meeting_by_pk)
def agenda(request, pk):
    meeting = selectors.meeting_detail(pk=pk, user=request.user)
    if meeting is None:
        raise Http404
    form = AgendaItemForm(request.POST or None, request.FILES or None, meeting=meeting, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The item was added to the agenda."))
        return redirect("events:agenda_item_list", pk=pk)
    return render(request, "events/agenda_edit.html", {"meeting": meeting, "form": form})


def _agenda_item(request, pk, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__community"), pk=item_pk, meeting_id=pk)
    if not request.user.has_perm("events.change_meeting", item.meeting):
        raise PermissionDenied
    return item


@permission_required("events.view_meeting", fn=meeting_by_pk)
def slides(request, pk, item_pk):
    """An agenda item's slides, to whoever may see the meeting's page."""
    meeting = meeting_by_pk(request, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    return serve_private(request, item.slides, filename=item.title)


@permission_required("events.change_meeting", fn=meeting_by_pk)
def agenda_item_update(request, pk, item_pk):
    item = _agenda_item(request, pk, item_pk)
    form = AgendaItemForm(
        request.POST or None, request.FILES or None, instance=item, meeting=item.meeting, by=request.user
    )
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The agenda item was saved."))
        return redirect("events:agenda_item_list", pk=pk)
    return render(request, "events/agenda_item_form.html", {"meeting": item.meeting, "item": item, "form": form})


@require_POST
@permission_required("events.change_meeting", fn=meeting_by_pk, form_page="events:agenda_item_list")
def agenda_item_delete(request, pk, item_pk):
    item = _agenda_item(request, pk, item_pk)
    services.agenda_item_delete(item=item, by=request.user)
    messages.success(request, _("“%(title)s” was removed from the agenda.") % {"title": item.title})
    return redirect("events:agenda_item_list", pk=pk)


@require_POST
@permission_required("events.change_meeting", fn=meeting_by_pk, form_page="events:agenda_item_list")
def agenda_item_move(request, pk, item_pk):
    item = _agenda_item(request, pk, item_pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        try:
            services.agenda_move(item=item, direction=direction, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(reverse("events:agenda_item_list", args=[pk]) + f"#item-{item.pk}")


@permission_required("events.change_meeting", fn=meeting_by_pk)
def responses(request, pk):
    meeting = selectors.meeting_detail(pk=pk, user=request.user)
    if meeting is None:
        raise Http404
    answers = list(selectors.rsvps_for(meeting))
    return render(
        request,
        "events/responses.html",
        {
            "meeting": meeting,
            "answers": answers,
            "need_labels": dict(AccessNeed.choices),
            "need_counts": selectors.access_need_counts(meeting),
            "not_answered": paginate(request, selectors.not_answered(meeting)),
        },
    )


@permission_required("events.change_meeting", fn=meeting_by_pk)
def responses_csv(request, pk):
    meeting = meeting_by_pk(request, pk)
    labels = dict(AccessNeed.choices)
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Answer"),
        _("Waiting list"),
        _("Needs"),
        _("Other need"),
        _("Note"),
        _("Answered at"),
    ]
    rows = (
        [
            answer.person.name,
            answer.person.email,
            "; ".join(a.organisation.name for a in answer.person.affiliations.all()),
            answer.get_response_display(),
            _("yes") if answer.waitlisted else "",
            "; ".join(str(labels.get(need, need)) for need in answer.needs),
            answer.needs_other,
            answer.note,
            timezone.localtime(answer.responded_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for answer in selectors.rsvps_for(meeting)
    )
    return csv_response(f"responses-{meeting.local_start:%Y-%m-%d}-{meeting.pk}.csv", [header, *rows])


@permission_required("events.change_meeting", fn=meeting_by_pk)
def attendance(request, pk):
    meeting = meeting_by_pk(request, pk)
    audience = selectors.audience_people(meeting)
    recorded = list(meeting.attendances.values_list("person_id", flat=True))
    if not recorded:
        recorded = list(
            meeting.rsvps.filter(response=RsvpResponse.YES, waitlisted=False).values_list("person_id", flat=True)
        )
    form = AttendanceForm(
        request.POST or None,
        initial={"people": recorded, "guests": AttendanceForm.guests_text(meeting)},
        meeting=meeting,
        audience=audience,
        by=request.user,
    )
    if request.method == "POST" and form.is_valid():
        count = form.save()
        if count is not None:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
            return redirect(meeting)
    return render(
        request,
        "events/attendance_form.html",
        {"meeting": meeting, "form": form, "present": selectors.attendance_with_minutes(meeting)},
    )


@permission_required("events.change_meeting", fn=meeting_by_pk)
def minutes_edit(request, pk):
    meeting = meeting_by_pk(request, pk)
    minutes = getattr(meeting, "minutes", None)
    initial = {"body": minutes.body, "status": minutes.status} if minutes else {"status": MinutesStatus.DRAFT}
    form = MinutesForm(request.POST or None, initial=initial, meeting=meeting, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The minutes were published.") if saved.is_final else _("The draft was saved."))
            return redirect(meeting)
    versions = minutes.versions.select_related("saved_by") if minutes else []
    return render(request, "events/minutes_form.html", {"meeting": meeting, "form": form, "versions": versions})


@permission_required("events.change_meeting", fn=meeting_by_pk)
def minutes_version(request, pk, number):
    meeting = meeting_by_pk(request, pk)
    minutes = getattr(meeting, "minutes", None)
    version = minutes.versions.select_related("saved_by").filter(number=number).first() if minutes else None
    if version is None:
        raise Http404
    return render(request, "events/minutes_version.html", {"meeting": meeting, "version": version})
