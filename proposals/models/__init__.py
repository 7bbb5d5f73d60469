from .budgets import BaselineLine, BudgetLine, Expense, ExpenseChange
from .calls import Call, CallSection, ReviewCriterion
from .documents import SupportingDocument
from .proposals import ExchangeRate, KeyActivity, Proposal, ProposalVersion, StatusChange
from .reviews import ReviewAnswer, ReviewAssignment, ReviewScore
from .tracking import ActivityProgress, ProgressReport, ReportPhoto

__all__ = [
    "ActivityProgress",
    "BaselineLine",
    "BudgetLine",
    "Call",
    "CallSection",
    "ExchangeRate",
    "Expense",
    "ExpenseChange",
    "KeyActivity",
    "ProgressReport",
    "Proposal",
    "ProposalVersion",
    "ReportPhoto",
    "ReviewAnswer",
    "ReviewAssignment",
    "ReviewCriterion",
    "ReviewScore",
    "StatusChange",
    "SupportingDocument",
]
