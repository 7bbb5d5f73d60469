"""Forms of lessons learned: forming a group to analyse a case, recording a lesson, searching the register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from members.models import FocusArea, User

from .. import services


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
