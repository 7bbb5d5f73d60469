from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.widgets import DateInput
from members.models import User

from .. import services
from ..enums import Decision
from ..models import Proposal, ReviewAssignment


class ReviewerForm(ServiceForm):
    """Choose a reviewer. Everyone approved is listed, those who may not review apart and with the reason,
    so that a coordinator who does not know the community's members sees why one is refused.
    """

    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)
    due_on = forms.DateField(
        label=_("Review due on"),
        required=False,
        widget=DateInput,
        help_text=_("Reminders go to the reviewer two days before and once it is late."),
    )

    def __init__(self, *args, proposal: Proposal, candidates, by: User, **kwargs):
        kwargs.setdefault("initial", {"due_on": services.default_due_on(proposal)})
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        free = [(person.pk, person.name) for person in candidates]
        free_ids = {pk for pk, _name in free}
        others = (
            User.objects.network_members()
            .exclude(pk__in=free_ids)
            .exclude(pk__in=proposal.review_assignments.values("reviewer"))
            .order_by("display_name", "email")
        )
        taken = [(person.pk, person.name) for person in others]
        self.fields["reviewer"].choices = [
            ("", "—"),
            (gettext("Can review"), free),
            (gettext("Co-authors and members of %(community)s") % {"community": proposal.community}, taken),
        ]

    def call_service(self) -> ReviewAssignment:
        reviewer = User.objects.filter(pk=self.cleaned_data["reviewer"]).first()
        return services.review_assign(
            proposal=self.proposal, reviewer=reviewer, by=self.by, due_on=self.cleaned_data["due_on"]
        )


class ReviewForm(ServiceForm):
    comment_for_coordinators = forms.CharField(
        label=_("Comments for the coordinators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the coordinators read these."),
    )
    comment_for_authors = forms.CharField(
        label=_("Comments for the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The authors read these with the decision, without your name."),
    )

    def __init__(self, *args, assignment: ReviewAssignment, criteria, by: User, draft: bool = False, **kwargs):
        self.assignment = assignment
        # Saved as a draft, scores may be left empty; submitted, the service asks for every one.
        self.draft = draft
        self.criteria = list(criteria)
        self.by = by
        scores = {score.criterion_id: score.score for score in assignment.scores.all()}
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "comment_for_coordinators": assignment.comment_for_coordinators,
                "comment_for_authors": assignment.comment_for_authors,
                **{f"criterion_{pk}": score for pk, score in scores.items()},
            }
        super().__init__(*args, **kwargs)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[("", "—"), *((n, str(n)) for n in range(criterion.max_score + 1))],
                coerce=int,
                required=False,
                empty_value=None,
                help_text=_("0 to %(max)s; weight %(weight)s")
                % {"max": criterion.max_score, "weight": criterion.weight},
            )
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria])

    def call_service(self) -> ReviewAssignment:
        data = self.cleaned_data
        service = services.review_save_draft if self.draft else services.review_submit
        return service(
            assignment=self.assignment,
            by=self.by,
            scores={c.pk: data[f"criterion_{c.pk}"] for c in self.criteria},
            comment_for_coordinators=data["comment_for_coordinators"],
            comment_for_authors=data["comment_for_authors"],
        )


DECISION_SERVICES = {
    Decision.APPROVE: services.proposal_approve,
    Decision.REVISE: services.proposal_request_revisions,
    Decision.REJECT: services.proposal_reject,
}


class DecisionForm(ServiceForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the authors"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by e-mail with the decision and shown on the proposal."),
    )

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by

    def call_service(self) -> Proposal:
        service = DECISION_SERVICES[self.cleaned_data["decision"]]
        return service(proposal=self.proposal, by=self.by, message=self.cleaned_data["message"])
