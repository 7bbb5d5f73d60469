import zoneinfo
from datetime import date, datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.markup import MARKDOWN_MAX_LENGTH
from common.params import month_param
from common.validators import bound_date_field
from common.widgets import DateInput, NamesSelect, TimeInput
from common.zones import time_zone_choices
from communities.models import Community
from members.models import Organisation, User

from . import services
from .attendance_report import ReportError, parse_report
from .enums import AccessNeed, MeetingKind, MinutesStatus, RecurrencePreset, ReminderOffset, RsvpResponse
from .models import AgendaItem, Meeting, MeetingSeries
from .models.meetings import default_reminder_offsets
from .services.report_import import Certainty, ImportLine
from .validators import (
    SERIES_MONTHS_AHEAD_LIMIT,
    meeting_date_bounds,
    series_date_bounds,
    validate_attendance_report,
    validate_slides,
)

CUSTOM = "custom"
# The calendar pages through the months of these years.
FIRST_MONTH = date(2000, 1, 1)
LAST_MONTH = date(2100, 12, 1)


def communities_for(user):
    """The audiences a person may plan for: any community for coordinators, their own for facilitators."""
    if user.is_coordinator:
        return Community.objects.filter(is_active=True)
    return Community.objects.facilitated_by(user)


class AudienceMixin:
    def _limit_audience(self, user):
        field = self.fields["community"]
        field.queryset = communities_for(user)
        field.empty_label = _("The whole network")
        if not user.is_coordinator:
            field.required = True
            field.empty_label = None


class RemindersField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("E-mail reminders"),
            choices=ReminderOffset.choices,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Sent to everyone invited who has not said no, in their language and time zone."),
            **kwargs,
        )


class SeriesForm(AudienceMixin, ServiceModelForm):
    reminder_offsets = RemindersField(initial=default_reminder_offsets)
    preset = forms.ChoiceField(
        label=_("Repeats"),
        choices=[*RecurrencePreset.choices, (CUSTOM, _("Custom rule"))],
        initial=RecurrencePreset.FIRST_FRIDAY,
    )
    custom_rule = forms.CharField(
        label=_("Custom rule"),
        required=False,
        max_length=300,
        help_text=_("In iCalendar RRULE form, for example FREQ=MONTHLY;BYDAY=3WE for the third Wednesday."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial=settings.TIME_ZONE, widget=NamesSelect
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "title", "description", "kind", "community", "first_date", "start_time", "duration_minutes",
            "time_zone", "online_url", "venue", "months_ahead", "reminder_offsets",
        ]  # fmt: skip
        widgets = {"first_date": DateInput, "start_time": TimeInput, "description": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "title", "description", "kind", "community", "first_date", "preset", "custom_rule", "start_time",
        "duration_minutes", "time_zone", "online_url", "venue", "months_ahead", "reminder_offsets",
    ]  # fmt: skip

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        self._limit_audience(by)
        earliest, latest = series_date_bounds()
        if self.instance.pk:
            # A series that started long ago keeps its first date.
            earliest = min(earliest, self.instance.first_date)
        bound_date_field(self.fields["first_date"], earliest=earliest, latest=latest)
        self.fields["months_ahead"].help_text = _("At most %(months)s months.") % {"months": SERIES_MONTHS_AHEAD_LIMIT}
        if self.instance.pk:
            rule = self.instance.rrule
            self.initial["preset"] = rule if rule in RecurrencePreset.values else CUSTOM
            self.initial["custom_rule"] = "" if rule in RecurrencePreset.values else rule

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preset") == CUSTOM and not cleaned.get("custom_rule", "").strip():
            self.add_error("custom_rule", _("Enter the custom rule, or choose one of the patterns."))
        return cleaned

    def call_service(self) -> MeetingSeries:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        preset = self.cleaned_data["preset"]
        data["rrule"] = self.cleaned_data["custom_rule"].strip().removeprefix("RRULE:") if preset == CUSTOM else preset
        try:
            if self.instance.pk:
                return services.series_update(series=self.instance, by=self.by, **data)
            return services.series_create(by=self.by, **data)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "rrule" in error.error_dict:
                # The form has no rrule field: the rule was typed as a preset or a custom rule.
                target = "custom_rule" if preset == CUSTOM else "preset"
                raise ValidationError({target if k == "rrule" else k: v for k, v in error.error_dict.items()}) from None
            raise


class MeetingForm(AudienceMixin, ServiceModelForm):
    """A one-off meeting, or changes to one meeting of a series (its time included)."""

    reminder_offsets = RemindersField(initial=default_reminder_offsets)

    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput)
    end_date = forms.DateField(
        label=_("End date"), widget=DateInput, help_text=_("The same day, or later for a workshop over several days.")
    )
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial=settings.TIME_ZONE, widget=NamesSelect
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "community",
            "description",
            "time_zone",
            "online_url",
            "venue",
            "capacity",
            "reminder_offsets",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "title", "kind", "community", "description", "start_date", "start_time", "end_date", "end_time",
        "time_zone", "online_url", "venue", "capacity", "reminder_offsets",
    ]  # fmt: skip

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        self._limit_audience(by)
        earliest, latest = meeting_date_bounds()
        if self.instance.pk:
            earliest = min(earliest, self.instance.local_start.date())
        for name in ("start_date", "end_date"):
            bound_date_field(self.fields[name], earliest=earliest, latest=latest)
        if self.instance.pk:
            start, end = self.instance.local_start, self.instance.local_end
            self.initial.update(
                start_date=start.date(), start_time=start.time(), end_date=end.date(), end_time=end.time()
            )
            if self.instance.series_id:
                self.fields["community"].disabled = True

    def clean(self):
        cleaned = super().clean()
        try:
            zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned
        if all(cleaned.get(key) for key in ["start_date", "start_time", "end_date", "end_time"]):
            cleaned["starts_at"] = datetime.combine(cleaned["start_date"], cleaned["start_time"], tzinfo=zone)
            cleaned["ends_at"] = datetime.combine(cleaned["end_date"], cleaned["end_time"], tzinfo=zone)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("end_time", _("The meeting must end after it starts."))
        return cleaned

    def call_service(self) -> Meeting:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        if self.instance.pk:
            if self.instance.series_id:
                data.pop("community", None)
            return services.meeting_update(
                meeting=self.instance,
                by=self.by,
                starts_at=self.cleaned_data["starts_at"],
                ends_at=self.cleaned_data["ends_at"],
                **data,
            )
        return services.meeting_create(
            by=self.by, starts_at=self.cleaned_data["starts_at"], ends_at=self.cleaned_data["ends_at"], **data
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to everyone invited"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AgendaItemForm(ServiceModelForm):
    guest_fields = ("guest_name", "guest_organisation", "guest_email", "guest_language")

    class Meta:
        model = AgendaItem
        fields = [
            "title", "presenter", "presenter_organisation", "duration_minutes", "description", "slides",
            "guest_name", "guest_organisation", "guest_email", "guest_language",
        ]  # fmt: skip
        labels = {
            "guest_name": _("Name"),
            "guest_organisation": _("Organisation"),
            "guest_email": _("E-mail"),
            "guest_language": _("Language of the e-mail"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "slides": _("PDF, PowerPoint, Word, OpenDocument or an image; at most 20 MB."),
            "presenter": _("A member of the portal. They are told by e-mail that they are on the agenda."),
        }

    def __init__(self, *args, meeting: Meeting, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.by = by
        # Approved members only: people waiting for approval, and those who left, cannot be named.
        self.fields["presenter"].queryset = User.objects.network_members().order_by("display_name", "email")
        self.fields["presenter_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["guest_language"].required = False

    def clean_guest_language(self):
        return self.cleaned_data.get("guest_language") or settings.LANGUAGE_CODE

    def clean_slides(self):
        slides = self.cleaned_data.get("slides")
        if slides and hasattr(slides, "content_type"):
            validate_slides(slides)
        return slides

    def call_service(self) -> AgendaItem:
        data = dict(self.cleaned_data)
        slides = data.pop("slides", None)
        if slides is False:
            data["slides"] = ""
        elif slides and hasattr(slides, "content_type"):
            data["slides"] = slides
        return services.agenda_item_save(
            meeting=self.meeting, by=self.by, item=self.instance if self.instance.pk else None, **data
        )


class RsvpForm(ServiceForm):
    response = forms.ChoiceField(label=_("Will you come?"), choices=RsvpResponse.choices, widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(
        label=_("Accessibility or language needs"),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("So that the organisers can arrange them in time."),
    )
    needs_other = forms.CharField(label=_("Other need"), max_length=300, required=False)
    note = forms.CharField(label=_("Note to the organisers"), max_length=500, required=False)

    def __init__(self, *args, meeting: Meeting, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.person = person

    def call_service(self):
        return services.rsvp_set(meeting=self.meeting, person=self.person, **self.cleaned_data)


MAX_GUESTS = 300


class AttendanceForm(ServiceForm):
    people = forms.ModelMultipleChoiceField(
        label=_("Who attended"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = forms.CharField(
        label=_("Guests without an account"),
        required=False,
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: name, organisation. A guest from a member organisation (its name or acronym) counts for it."
        ),
    )

    def clean_guests(self):
        guests = []
        for number, line in enumerate(self.cleaned_data.get("guests", "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _comma, organisation = line.partition(",")
            name, organisation = name.strip(), organisation.strip()
            if not name:
                raise ValidationError(_("Line %(number)s has no name.") % {"number": number})
            if len(name) > 150 or len(organisation) > 200:
                raise ValidationError(
                    _("Line %(number)s is too long: a name has at most 150 characters, an organisation 200.")
                    % {"number": number}
                )
            guests.append((name, organisation))
        if len(guests) > MAX_GUESTS:
            raise ValidationError(_("At most %(count)s guests at once.") % {"count": MAX_GUESTS})
        return guests

    @staticmethod
    def guests_text(meeting: Meeting) -> str:
        """The recorded guests as the field shows them, one per line."""
        return "\n".join(
            f"{guest.name}, {guest.organisation_name}" if guest.organisation_name else guest.name
            for guest in meeting.guest_attendances.all()
        )

    def __init__(self, *args, meeting: Meeting, audience, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.by = by
        self.fields["people"].queryset = audience
        self.fields["people"].label_from_instance = self.label

    @staticmethod
    def label(person):
        organisations = ", ".join(a.organisation.acronym or a.organisation.name for a in person.affiliations.all())
        return f"{person.name} ({organisations})" if organisations else person.name

    def call_service(self):
        return services.attendance_record(
            meeting=self.meeting, people=self.cleaned_data["people"], guests=self.cleaned_data["guests"], by=self.by
        )


class MinutesForm(ServiceForm):
    body = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=MARKDOWN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, *italic*, lists starting with -, [links](https://…)."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MinutesStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Final minutes are published to every member."),
    )

    def __init__(self, *args, meeting: Meeting, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.by = by

    def call_service(self):
        return services.minutes_save(meeting=self.meeting, by=self.by, **self.cleaned_data)


class CalendarFilterForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=MeetingSeries.objects.all(),
        required=False,
        to_field_name="slug",
        widget=NamesSelect,
    )
    community = forms.ModelChoiceField(
        label=_("Community"), queryset=Community.objects.all(), required=False, to_field_name="slug", widget=NamesSelect
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All types")), *MeetingKind.choices], required=False)
    month = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].empty_label = _("All series")
        self.fields["community"].empty_label = _("All audiences")

    def _cleaned(self) -> dict:
        # An unbound form has no cleaned_data; a bound one keeps only the values that made sense.
        if self.is_bound:
            self.is_valid()
        return getattr(self, "cleaned_data", {})

    def filter(self, meetings):
        data = self._cleaned()
        if data.get("series"):
            meetings = meetings.filter(series=data["series"])
        if data.get("community"):
            meetings = meetings.filter(community=data["community"])
        if data.get("kind"):
            meetings = meetings.filter(kind=data["kind"])
        return meetings

    def filter_key(self) -> str:
        """The filters in effect, as text: what `filter` keeps (series, audience, type), never the raw query."""
        data = self._cleaned()
        return ",".join(
            f"{name}={getattr(data.get(name), 'pk', data.get(name))}"
            for name in ("series", "community", "kind")
            if data.get(name)
        )

    def _month(self):
        return month_param(self.data, "month", earliest=FIRST_MONTH, latest=LAST_MONTH)

    def month_start(self):
        """The month asked for as ?month=2026-12, else the current one."""
        return self._month() or timezone.localdate().replace(day=1)

    def month_refused(self) -> bool:
        """Whether a month was asked for that the calendar cannot show (not a month, or outside its years)."""
        return bool(self.data.get("month")) and self._month() is None


def current_quarter(today=None) -> tuple:
    today = today or timezone.localdate()
    first_month = (today.month - 1) // 3 * 3 + 1
    start = today.replace(month=first_month, day=1)
    next_start = (
        start.replace(year=start.year + 1, month=1) if first_month == 10 else start.replace(month=first_month + 3)
    )
    return start, next_start - timedelta(days=1)


class PeriodForm(forms.Form):
    """A period of days, both included; the current quarter when none is asked for."""

    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)

    MAX_DAYS = 366 * 5

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            if cleaned.get(name) and not 2000 <= cleaned[name].year <= 2100:
                self.add_error(name, _("Choose a date between 2000 and 2100."))
                return cleaned
        if start and end:
            if end < start:
                self.add_error("end", _("The end comes before the start."))
            elif (end - start).days > self.MAX_DAYS:
                self.add_error("end", _("Choose a period of at most five years."))
        return cleaned

    def period(self) -> tuple:
        """The period asked for when it is valid, else the current quarter."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return current_quarter()


class ReportUploadForm(forms.Form):
    """A participants report from the meeting tool, read in memory (the file is not kept)."""

    report = forms.FileField(
        label=_("Participants report"),
        validators=[validate_attendance_report],
        help_text=_("The .csv file Zoom, Google Meet or Microsoft Teams exports (tab-separated or UTF-16 is fine)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv,text/tab-separated-values"}),
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        upload.seek(0)
        try:
            self.parsed = parse_report(upload.read())
        except ReportError as error:
            raise ValidationError(error.messages) from error
        if not self.parsed.rows:
            raise ValidationError(
                _("The report lists nobody. Recognised columns: %(columns)s.")
                % {"columns": ", ".join(self.parsed.columns)}
            )
        return upload


class ReportConfirmForm(ServiceForm):
    """The rows of a report as matched, each to tick (or untick) and, when the match is uncertain, to give the
    person it stands for or leave as a guest."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, matches, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.matches = matches
        self.by = by
        for index, match in enumerate(matches):
            self.fields[f"include_{index}"] = forms.BooleanField(label=match.row["name"], required=False, initial=True)
            if match.certainty == Certainty.UNCERTAIN:
                self.fields[f"person_{index}"] = forms.TypedChoiceField(
                    label=_("Who is %(name)s?") % {"name": match.row["name"]},
                    choices=[("", _("A guest without an account")), *((p.pk, p.name) for p in match.candidates)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )

    def rows(self):
        """(match, include field, person field or None) for the template."""
        return [
            (
                match,
                self[f"include_{index}"],
                self[f"person_{index}"] if f"person_{index}" in self.fields else None,
            )
            for index, match in enumerate(self.matches)
        ]

    def lines(self) -> list:
        chosen = []
        for index, match in enumerate(self.matches):
            if not self.cleaned_data.get(f"include_{index}"):
                continue
            person = match.person
            if match.certainty == Certainty.UNCERTAIN:
                pk = self.cleaned_data.get(f"person_{index}")
                person = next((p for p in match.candidates if p.pk == pk), None)
            row = match.row
            chosen.append(
                ImportLine(
                    name=row["name"],
                    person=person,
                    email=row.get("email", ""),
                    organisation_name=match.organisation_name if person is None else "",
                    organisation_id=match.organisation_id if person is None else None,
                    minutes=row.get("minutes"),
                )
            )
        return chosen

    def call_service(self):
        return services.attendance_import(meeting=self.meeting, lines=self.lines(), by=self.by)
