from .budgets import BaselineLine, BudgetLine, BudgetRevision, BudgetRevisionLine, Expense, ExpenseChange
from .calls import Call, CallSection, ReviewCriterion
from .documents import SupportingDocument
from .proposals import ExchangeRate, KeyActivity, Proposal, ProposalVersion, StatusChange
from .reviews import ReviewAnswer, ReviewAssignment, ReviewScore
from .tracking import ActivityProgress, ProgressReport, ReportDue, ReportPhoto

__all__ = [
    "ActivityProgress",
    "BaselineLine",
    "BudgetLine",
    "BudgetRevision",
    "BudgetRevisionLine",
    "Call",
    "CallSection",
    "ExchangeRate",
    "Expense",
    "ExpenseChange",
    "KeyActivity",
    "ProgressReport",
    "ReportDue",
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
