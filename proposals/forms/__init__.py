from .calls import CallExtendForm, CallForm
from .drafting import ActivityForm, AuthorForm, BudgetLineForm, ExchangeRateForm, ProposalForm, ProposalStartForm
from .review import DecisionForm, ReviewerForm, ReviewForm
from .tracking import ExpenseCorrectForm, ExpenseForm, ExpenseVoidForm, ReportForm

__all__ = [
    "ActivityForm",
    "AuthorForm",
    "BudgetLineForm",
    "CallExtendForm",
    "CallForm",
    "DecisionForm",
    "ExchangeRateForm",
    "ExpenseCorrectForm",
    "ExpenseForm",
    "ExpenseVoidForm",
    "ProposalForm",
    "ProposalStartForm",
    "ReportForm",
    "ReviewForm",
    "ReviewerForm",
]
