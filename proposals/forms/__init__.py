from .answers import ReviewAnswersForm
from .calls import CallExtendForm, CallForm
from .documents import DocumentForm
from .drafting import ActivityForm, AuthorForm, BudgetLineForm, ExchangeRateForm, ProposalForm, ProposalStartForm
from .followup import BudgetRevisionForm, ExpenseAnswerForm, ExpenseCheckForm, RevisionDecisionForm
from .review import DecisionForm, ReviewerForm, ReviewForm
from .tracking import ExpenseCorrectForm, ExpenseForm, ExpenseVoidForm, ReportForm

__all__ = [
    "BudgetRevisionForm",
    "ExpenseAnswerForm",
    "ExpenseCheckForm",
    "RevisionDecisionForm",
    "ActivityForm",
    "AuthorForm",
    "BudgetLineForm",
    "CallExtendForm",
    "CallForm",
    "DecisionForm",
    "DocumentForm",
    "ExchangeRateForm",
    "ExpenseCorrectForm",
    "ExpenseForm",
    "ExpenseVoidForm",
    "ProposalForm",
    "ProposalStartForm",
    "ReportForm",
    "ReviewAnswersForm",
    "ReviewForm",
    "ReviewerForm",
]
