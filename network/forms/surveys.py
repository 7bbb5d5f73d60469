"""Forms of surveys: building one, its questions, answering it, and filtering its results."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.widgets import DateInput
from communities.models import Community
from events.enums import MeetingStatus
from events.models import Meeting
from members.enums import OrganisationKind

from .. import services
from ..enums import QuestionKind, SurveyAudience, SurveyPurpose


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
