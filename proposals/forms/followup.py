"""After approval: a coordinator's check of expenses, the co-authors' answers, and budget revisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from members.models import User

from .. import services
from ..domain.money import format_money
from ..enums import BudgetCategory, ExpenseCheck
from ..models import BudgetRevision, Expense, Proposal
from ..services.revisions import NewLine
from .base import money_field

NEW_LINE = "new"


class ExpenseCheckForm(ServiceForm):
    outcome = forms.ChoiceField(
        label=_("Your check"),
        choices=[
            (ExpenseCheck.ACCEPTED, _("Accept: it counts as spent")),
            (ExpenseCheck.QUERIED, _("Ask a question: the co-authors answer it")),
            (ExpenseCheck.REJECTED, _("Reject: it does not count as spent")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Question or reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to ask a question or to reject; the co-authors read it."),
    )

    def __init__(self, *args, expense: Expense, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.expense = expense
        self.by = by

    def call_service(self) -> Expense:
        return services.expense_check(expense=self.expense, by=self.by, **self.cleaned_data)


class ExpenseAnswerForm(ServiceForm):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The coordinator checks the expense again with your answer."),
    )

    def __init__(self, *args, expense: Expense, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.expense = expense
        self.by = by

    def call_service(self) -> Expense:
        return services.expense_answer(expense=self.expense, by=self.by, **self.cleaned_data)


class BudgetRevisionForm(ServiceForm):
    """Move an amount from one approved line to another, or to a new line (or, from no line, grow the total)."""

    from_line = forms.ChoiceField(label=_("Take the money from"))
    to_line = forms.ChoiceField(label=_("Give it to"))
    new_category = forms.ChoiceField(
        label=_("Category of the new line"), required=False, choices=[("", "—"), *BudgetCategory.choices]
    )
    new_description = forms.CharField(
        label=_("Description of the new line"),
        required=False,
        max_length=300,
        help_text=_("Only when the money goes to a new line."),
    )
    amount = money_field(_("Amount to move"))
    reason = forms.CharField(
        label=_("Why the change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The coordinator reads it to decide."),
    )

    def __init__(self, *args, proposal: Proposal, lines, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.lines = {str(line.pk): line for line in lines}
        currency = proposal.call.currency
        choices = [
            (key, f"{line.description} ({format_money(line.working_amount, currency)})")
            for key, line in self.lines.items()
        ]
        self.fields["from_line"].choices = [("", "—"), *choices, ("none", _("No line: add to the total"))]
        self.fields["to_line"].choices = [("", "—"), *choices, (NEW_LINE, _("A new line"))]
        self.fields["amount"].label = _("Amount to move, in %(currency)s") % {"currency": currency}

    def clean_from_line(self):
        value = self.cleaned_data["from_line"]
        return None if value == "none" else self.lines[value]

    def clean_to_line(self):
        value = self.cleaned_data["to_line"]
        return None if value == NEW_LINE else self.lines[value]

    def call_service(self) -> BudgetRevision:
        data = self.cleaned_data
        new_line = None
        if data["to_line"] is None:
            new_line = NewLine(category=data["new_category"], description=data["new_description"])
        return services.budget_revision_request(
            proposal=self.proposal,
            by=self.by,
            from_line=data["from_line"],
            to_line=data["to_line"],
            new_line=new_line,
            amount=data["amount"],
            reason=data["reason"],
        )


class RevisionDecisionForm(ServiceForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: it becomes the working budget")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to refuse; the co-authors read it."),
    )

    def __init__(self, *args, revision: BudgetRevision, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.revision = revision
        self.by = by

    def call_service(self) -> BudgetRevision:
        data = self.cleaned_data
        if data["decision"] == "approve":
            return services.budget_revision_approve(revision=self.revision, by=self.by, reason=data["reason"])
        return services.budget_revision_refuse(revision=self.revision, by=self.by, reason=data["reason"])
