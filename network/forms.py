import datetime
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm, SingleLineInputsMixin
from common.widgets import DateInput
from communities.models import Community
from events.enums import MeetingStatus
from events.models import Meeting
from members.enums import OrganisationKind
from members.models import FocusArea, Organisation

from . import services
from .enums import QuestionKind, SurveyAudience, SurveyPurpose
from .models import Challenge, Resource
from .validators import validate_upload
from .visibility import visible_challenges


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked like a single upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            validate_upload(upload)
        return cleaned


def new_client_key() -> str:
    return secrets.token_urlsafe(16)


class ChallengeForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("The challenge"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What is happening, what you tried, what you would like to learn from peers. Markdown works; mention someone with @ and their name joined by hyphens, e.g. @dara-kim."
        ),
    )
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none(), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=FocusArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    community = forms.ModelChoiceField(
        label=_("Visible to"), queryset=Community.objects.none(), required=False, empty_label=_("The whole network")
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Office or OpenDocument files and images; 10 MB each at most."),
    )
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, author, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.challenge = challenge
        self.fields["organisation"].queryset = Organisation.objects.filter(affiliations__person=author).distinct()
        self.fields["organisation"].empty_label = _("Myself")
        communities = Community.objects.all() if author.is_coordinator else Community.objects.with_member(author)
        self.fields["community"].queryset = communities
        if challenge is not None:
            del self.fields["community"]
            del self.fields["client_key"]
        elif not self.is_bound:
            self.initial["client_key"] = new_client_key()

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(_("This cannot be empty."))
        return body

    def call_service(self):
        data = dict(self.cleaned_data)
        if self.challenge is not None:
            return services.challenge_update(challenge=self.challenge, by=self.author, **data)
        challenge, _created = services.challenge_create(author=self.author, **data)
        return challenge


class ReplyForm(ServiceForm):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, challenge, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.author = author
        if not self.is_bound:
            self.initial.setdefault("client_key", new_client_key())

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(_("Write something before you send."))
        return body

    def call_service(self):
        parent_id = self.cleaned_data.get("parent")
        parent = self.challenge.replies.filter(pk=parent_id).first() if parent_id else None
        reply, _created = services.reply_create(
            challenge=self.challenge,
            author=self.author,
            body=self.cleaned_data["body"],
            parent=parent,
            client_key=self.cleaned_data.get("client_key") or "",
        )
        return reply


class ReplyEditForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ScheduleForm(ServiceForm):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    duration_minutes = forms.IntegerField(
        label=_("Minutes on the agenda"), required=False, min_value=1, max_value=600, initial=20
    )

    def __init__(self, *args, challenge, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.by = by
        meetings = Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now()).order_by(
            "starts_at"
        )
        if challenge.community_id:
            meetings = meetings.filter(Q(community_id=challenge.community_id) | Q(community__isnull=True))
        else:
            meetings = meetings.filter(community__isnull=True)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%d %b %Y} · {m.title}"

    def call_service(self):
        """A ChallengeAgendaLink when `by` runs the meeting, otherwise an AgendaProposal waiting for them."""
        return services.challenge_put_forward(challenge=self.challenge, by=self.by, **self.cleaned_data)


class ResourceForm(ServiceModelForm):
    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "summary",
            "file",
            "url",
            "themes",
            "tags",
            "meeting",
            "community",
            "challenge",
            "is_public",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "themes": forms.CheckboxSelectMultiple}
        help_texts = {"file": _("PDF, Office or OpenDocument files and images; at most 10 MB.")}

    def __init__(self, *args, by, **kwargs):
        """The choices are what the person may see (the service checks again): challenges they may open that
        no moderator hid, their communities, meetings of the network or of their communities. What the
        resource already points at stays a choice."""
        super().__init__(*args, **kwargs)
        self.by = by
        keep = {name: getattr(self.instance, f"{name}_id") for name in ("challenge", "community", "meeting")}
        challenges = visible_challenges(by).filter(is_hidden=False)
        communities = Community.objects.all() if by.is_coordinator else Community.objects.with_member(by)
        meetings = Meeting.objects.all()
        if not by.is_coordinator:
            meetings = meetings.filter(Q(community__isnull=True) | Q(community__in=Community.objects.with_member(by)))
        for name, queryset, model in [
            ("challenge", challenges, Challenge),
            ("community", communities, Community),
            ("meeting", meetings, Meeting),
        ]:
            if keep[name]:
                queryset = model.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk=keep[name]))
            self.fields[name].queryset = queryset
        self.fields["challenge"].queryset = self.fields["challenge"].queryset.order_by("-created_at")
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.order_by("-starts_at")
        self.fields["meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%d %b %Y} · {m.title}"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            validate_upload(upload)
        return upload

    def call_service(self) -> Resource:
        data = dict(self.cleaned_data)
        themes = data.pop("themes", [])
        upload = data.pop("file", None)
        if upload is False:
            data["file"] = ""
        elif upload and hasattr(upload, "content_type"):
            data["file"] = upload
        return services.resource_save(
            by=self.by, resource=self.instance if self.instance.pk else None, themes=themes, **data
        )


class CaseStudyForm(SingleLineInputsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The challenge, what peers suggested, what worked. Markdown."),
    )


# --- surveys ---------------------------------------------------------------------------------


class SurveyForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=150)
    purpose = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (SurveyPurpose.GENERAL, _("No questions yet")),
            (SurveyPurpose.NEEDS, _("A needs assessment: themes to learn, what members can teach, meeting times")),
            (SurveyPurpose.FEEDBACK, _("Meeting feedback: usefulness, what to keep, what to change, next topics")),
        ],
        widget=forms.RadioSelect,
        initial=SurveyPurpose.GENERAL,
    )
    intro = forms.CharField(
        label=_("Introduction"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    audience = forms.ChoiceField(label=_("Who is asked"), choices=SurveyAudience.choices, widget=forms.RadioSelect)
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.none(), required=False)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    anonymous = forms.BooleanField(
        label=_("Anonymous: keep no link between people and their answers"),
        required=False,
        help_text=_("Nobody, coordinators included, can then see who gave which answer, or filter by organisation."),
    )
    closes_on = forms.DateField(label=_("Answers close on"), widget=DateInput)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        today = timezone.localdate()
        self.fields["closes_on"].initial = today + datetime.timedelta(days=14)
        meetings = Meeting.objects.filter(
            starts_at__date__gte=today - datetime.timedelta(days=60),
            starts_at__date__lte=today + datetime.timedelta(days=60),
        ).exclude(status=MeetingStatus.CANCELLED)
        communities = Community.objects.filter(is_active=True)
        if not by.is_coordinator:
            communities = communities.facilitated_by(by)
            meetings = meetings.filter(community__in=communities)
            self.fields["audience"].choices = [
                choice for choice in SurveyAudience.choices if choice[0] != SurveyAudience.NETWORK
            ]
        self.fields["community"].queryset = communities
        self.fields["meeting"].queryset = meetings.order_by("-starts_at")

    def call_service(self):
        return services.survey_create(by=self.by, **self.cleaned_data)


def _choice_lines(text: str) -> list[tuple[str, str]]:
    """Lines "English | Khmer" (the Khmer optional) as (label, label_km)."""
    pairs = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, _bar, km = line.partition("|")
        if len(label.strip()) > 150 or len(km.strip()) > 150:
            raise forms.ValidationError(_("Keep each choice under 150 characters."))
        pairs.append((label.strip(), km.strip()))
    return pairs


class QuestionForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    text_km = forms.CharField(label=_("Question in Khmer"), max_length=300, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one per line, the Khmer after a bar, e.g. Weekend | ចុងសប្តាហ៍"),
    )

    def __init__(self, *args, survey, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.by = survey, by

    def clean_choices(self):
        return _choice_lines(self.cleaned_data["choices"])

    def call_service(self):
        return services.question_add(survey=self.survey, by=self.by, **self.cleaned_data)


class SurveyAnswerForm(ServiceForm):
    """One field per question, named q<id>, so the service's refusal lands on its question."""

    def __init__(self, *args, survey, person, questions, secret: str = "", organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.person, self.secret, self.organisation = survey, person, secret, organisation
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question):
        options = {"label": question.wording, "required": question.required}
        choices = [(choice.pk, choice.wording) for choice in question.choices.all()]
        if question.kind == QuestionKind.SINGLE:
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **options)
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **options
            )
        if question.kind == QuestionKind.SCALE:
            scale = [(n, str(n)) for n in range(1, 6)]
            return forms.TypedChoiceField(
                choices=scale, coerce=int, widget=forms.RadioSelect, help_text=_("1: least · 5: most"), **options
            )
        if question.kind == QuestionKind.SHORT:
            return forms.CharField(max_length=300, **options)
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **options)

    def call_service(self):
        values = {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
        return services.survey_answer(
            survey=self.survey, person=self.person, values=values, secret=self.secret, organisation=self.organisation
        )


class SurveyResultsFilter(forms.Form):
    organisation_kind = forms.ChoiceField(
        label=_("Organisation type"), choices=[("", _("All")), *OrganisationKind.choices], required=False
    )
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.all(), required=False)


# --- lessons learned ---------------------------------------------------------------------------------


class CaseAnalysisForm(ServiceForm):
    question = forms.CharField(label=_("What the group looks into"), max_length=300, required=False)
    members = forms.CharField(
        label=_("The group's e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; you are in the group too. At most twelve people."),
    )

    def __init__(self, *args, case, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.by = case, by

    def clean_members(self):
        from members.models import User

        emails = [line.strip().lower() for line in self.cleaned_data["members"].splitlines() if line.strip()]
        if len(emails) > 12:
            raise forms.ValidationError(_("Keep the group small: at most %(n)d people.") % {"n": 12})
        people = list(User.objects.network_members().filter(email__in=emails))
        unknown = sorted(set(emails) - {person.email.lower() for person in people})
        if unknown:
            raise forms.ValidationError(
                _("Nobody in the network has these addresses: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return people

    def call_service(self):
        return services.case_analysis_create(case=self.case, by=self.by, **self.cleaned_data)


class LessonForm(ServiceForm):
    statement = forms.CharField(label=_("Lesson"), max_length=300, help_text=_("One short sentence others can use."))
    detail = forms.CharField(
        label=_("What it rests on"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=FocusArea.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, analysis, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis, self.by = analysis, by

    def call_service(self):
        return services.lesson_record(
            by=self.by, analysis=self.analysis, cases=[self.analysis.case], **self.cleaned_data
        )


class LessonSearchForm(forms.Form):
    text = forms.CharField(label=_("Words"), max_length=100, required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=FocusArea.objects.all(), required=False)
