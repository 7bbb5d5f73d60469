from .calls import CallExtendForm, CallForm
from .drafting import ActivityForm, AuthorForm, BudgetLineForm, ExchangeRateForm, ProposalForm, ProposalStartForm
from .review import DecisionForm, ReviewerForm, ReviewForm
from .tracking import ExpenseForm, ReportForm

__all__ = [
    "ActivityForm",
    "AuthorForm",
    "BudgetLineForm",
    "CallExtendForm",
    "CallForm",
    "DecisionForm",
    "ExchangeRateForm",
    "ExpenseForm",
    "ProposalForm",
    "ProposalStartForm",
    "ReportForm",
    "ReviewForm",
    "ReviewerForm",
]
