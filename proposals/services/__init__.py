from .answers import AnswerConflict, review_answers_save
from .budgets import budget_line_delete, budget_line_save, exchange_rate_set
from .calls import call_extend, call_save
from .documents import document_add, document_delete
from .drafting import (
    EditConflict,
    activity_delete,
    activity_save,
    activity_window,
    proposal_add_author,
    proposal_create,
    proposal_remove_author,
    proposal_update,
)
from .reviews import default_due_on, review_assign, review_save_draft, review_submit, review_unassign
from .revisions import (
    budget_revision_approve,
    budget_revision_refuse,
    budget_revision_request,
    budget_revision_withdraw,
)
from .schedule import report_schedule_create
from .signoff import expense_answer, expense_check
from .tracking import expense_correct, expense_earliest, expense_record, expense_void, report_submit
from .workflow import (
    proposal_approve,
    proposal_complete,
    proposal_reject,
    proposal_request_revisions,
    proposal_resubmit,
    proposal_start_implementation,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
    readiness_problems,
)

__all__ = [
    "default_due_on",
    "review_save_draft",
    "expense_check",
    "expense_answer",
    "report_schedule_create",
    "budget_revision_withdraw",
    "budget_revision_request",
    "budget_revision_refuse",
    "budget_revision_approve",
    "AnswerConflict",
    "EditConflict",
    "activity_delete",
    "activity_save",
    "activity_window",
    "budget_line_delete",
    "budget_line_save",
    "call_extend",
    "call_save",
    "document_add",
    "document_delete",
    "exchange_rate_set",
    "expense_correct",
    "expense_earliest",
    "expense_record",
    "expense_void",
    "proposal_add_author",
    "proposal_approve",
    "proposal_complete",
    "proposal_create",
    "proposal_reject",
    "proposal_remove_author",
    "proposal_request_revisions",
    "proposal_resubmit",
    "proposal_start_implementation",
    "proposal_start_review",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "readiness_problems",
    "report_submit",
    "review_answers_save",
    "review_assign",
    "review_submit",
    "review_unassign",
]
