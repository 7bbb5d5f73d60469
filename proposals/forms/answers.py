from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from members.models import User

from .. import services
from ..models import Proposal, ReviewAnswer, ReviewAssignment
from ..services.answers import AnswerInput

ADDRESSED_CHOICES = [("yes", _("Addressed")), ("no", _("Not addressed"))]


class ReviewAnswersForm(ServiceForm):
    """One answer per reviewer's comment: addressed or not, with a note; each remembers which answer it started
    from, so two co-authors answering at once see each other's words instead of losing them."""

    def __init__(
        self, *args, proposal: Proposal, assignments: list[ReviewAssignment], answers: dict, by: User, **kwargs
    ):
        self.proposal = proposal
        self.assignments = assignments
        self.by = by
        if "initial" not in kwargs:
            initial = {}
            for assignment in assignments:
                answer: ReviewAnswer | None = answers.get(assignment.pk)
                initial[f"revision_{assignment.pk}"] = answer.revision if answer else 0
                if answer:
                    initial[f"addressed_{assignment.pk}"] = "yes" if answer.addressed else "no"
                    initial[f"note_{assignment.pk}"] = answer.note
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for assignment in assignments:
            self.fields[f"addressed_{assignment.pk}"] = forms.ChoiceField(
                label=_("Did you address it?"),
                choices=ADDRESSED_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Say whether you addressed this comment.")},
            )
            self.fields[f"note_{assignment.pk}"] = forms.CharField(
                label=_("Note to the reviewer"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What you changed, or why you did not."),
            )
            self.fields[f"revision_{assignment.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, required=False
            )

    def rows(self):
        """Each comment with its fields, for the template."""
        return [
            (
                assignment,
                self[f"addressed_{assignment.pk}"],
                self[f"note_{assignment.pk}"],
                self[f"revision_{assignment.pk}"],
            )
            for assignment in self.assignments
        ]

    def call_service(self):
        data = self.cleaned_data
        return services.review_answers_save(
            proposal=self.proposal,
            by=self.by,
            answers={
                assignment.pk: AnswerInput(
                    addressed=data[f"addressed_{assignment.pk}"] == "yes",
                    note=data[f"note_{assignment.pk}"],
                    revision=data[f"revision_{assignment.pk}"] or 0,
                )
                for assignment in self.assignments
            },
        )
